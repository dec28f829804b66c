import { createHash } from 'node:crypto';
import type Decimal from 'decimal.js';
import {
  TxDecodeError,
  decodeTx,
  encodeBatchUpdateOrdersTxData,
  verifyTxSignature,
  type DecodedBatchUpdateOrders,
  type DecodedTx,
} from '@mirrorbook/injective/sim-codec';
import { Dec, denomCatalog, FEE_DENOM, type DenomInfo } from '@mirrorbook/market';
import { SimConfigError } from '../config/sim-config.error';
import type { ExchangePort, SimBatch } from '../exchange/exchange.port';
import type { FaultState } from '../faults/fault.state';
import type { SimConfig, SimExchangeParams } from '../sim.config';
import { AccountStore, type SimAccount } from './account.store';
import { refuseUnsimulatedMarketOrders, toSimBatch } from './batch.converter';
import { CheckState } from './check.state';
import { anteGas, ANTE_GAS, subaccountIdOf } from '@mirrorbook/injective';
import { txGas } from './gas.table';
import { Mempool, type PendingTx } from './mempool';
import { blockRulesAt, isPostOnlyModeAt } from './post-only-mode';
import { anteEvents, batchEvents, batchResponseFields } from './tx-events.builder';
import type { DeliveredTx, SimBlock, TxEvent } from './tx-result.model';
import { TxFailure } from './tx.failure';
import { TxFailures } from './tx-failures';
import { TxIndex } from './tx.index';

/** Block spacing used for block timestamps when blocks are produced on demand. */
const NOMINAL_BLOCK_MS = 700;
/** Blocks kept for lookup by height. */
const BLOCKS_RETAINED = 1000;

/** Counters for `GET /sim/admin/state`. */
export interface ChainStats {
  height: number;
  mempoolSize: number;
  accounts: number;
  txsAccepted: number;
  txsRejected: number;
  txsDropped: number;
  /** broadcasts answered as a lagging node (the `laggingNodeRate` fault) */
  laggingReplies: number;
  txsEvicted: number;
  txsIncluded: number;
  txsFailed: number;
  blockErrors: number;
  lastBlockError: string | null;
}

/** What a simulated tx would use. */
export interface SimulationResult {
  gasWanted: bigint;
  gasUsed: bigint;
}

/** Options of `SimChain`. */
export interface SimChainOptions {
  config: SimConfig;
  exchange: ExchangePort;
  faults: FaultState;
  /** wall clock in ms, used once for the genesis time when the config has none */
  now?: () => number;
  /** called with an error thrown by the exchange's `onBlock` (the block is still produced) */
  onBlockError?: (error: unknown, height: number) => void;
}

/**
 * The sim's chain: accounts and sequences, CheckTx (decode, ValidateBasic, ante handler),
 * mempool, block production, executed-tx index. Everything is synchronous and driven by calls
 * (HTTP handlers, the block timer, tests), so the same calls in the same order give the same
 * state. Exchange state lives behind `ExchangePort`; bank balances are the default subaccount's
 * deposits there.
 */
export class SimChain {
  readonly chainId: string;
  private readonly accounts: AccountStore;
  private readonly checkState = new CheckState();
  private readonly mempool = new Mempool();
  private readonly txIndex: TxIndex;
  private readonly blocks = new Map<number, SimBlock>();
  private readonly exchange: ExchangePort;
  private readonly faults: FaultState;
  private readonly config: SimConfig;
  private readonly genesisMs: number;
  private readonly denoms: ReadonlyMap<string, DenomInfo>;
  private readonly onBlockError: (error: unknown, height: number) => void;
  private readonly minGasPrice: bigint;
  private baseFee: bigint;
  private postOnlyModeHeightThreshold: number;
  private height = 0;
  private lastHash = '';
  private readonly stats = {
    txsAccepted: 0,
    txsRejected: 0,
    txsDropped: 0,
    laggingReplies: 0,
    txsEvicted: 0,
    txsIncluded: 0,
    txsFailed: 0,
    blockErrors: 0,
    lastBlockError: null as string | null,
  };

  constructor(opts: SimChainOptions) {
    const { config, exchange, faults } = opts;
    this.config = config;
    this.chainId = config.chainId;
    this.exchange = exchange;
    this.faults = faults;
    this.minGasPrice = config.minGasPrice;
    this.baseFee = config.eipBaseFee;
    this.postOnlyModeHeightThreshold = config.exchangeParams.postOnlyModeHeightThreshold;
    this.txIndex = new TxIndex(config.txIndexRetain);
    this.accounts = new AccountStore(config.genesis.firstAccountNumber);
    this.denoms = denomCatalog(exchange.markets(), { keep: 'last' });
    this.onBlockError = opts.onBlockError ?? (() => undefined);
    this.genesisMs = config.genesis.time ? Date.parse(config.genesis.time) : (opts.now ?? Date.now)();
    this.lastHash = blockHash(0, '', []);
    this.blocks.set(0, { height: 0, time: this.blockTime(0), hash: this.lastHash, txHashes: [] });
    config.genesis.accounts.forEach((account, i) => {
      try {
        this.fund(account.address, account.balances);
      } catch (e) {
        if (e instanceof RangeError) throw new SimConfigError([`genesis.accounts[${i}].balances: ${e.message}`]);
        throw e;
      }
    });
  }

  // ---------------------------------------------------------------- queries

  /** Height of the latest block (0 before the first). */
  /** The current EIP-1559 base fee per gas unit (`inj` base units): fees below gas × max(minimum, base fee) are refused. */
  get eipBaseFee(): bigint {
    return this.baseFee;
  }

  /** Moves the base fee (admin API), as the chain's fee market does under load. */
  setEipBaseFee(fee: bigint): void {
    this.baseFee = fee;
  }

  /** The exchange module parameters in force (the post-only threshold moves with `setPostOnlyModeHeightThreshold`). */
  exchangeParams(): SimExchangeParams {
    return { ...this.config.exchangeParams, postOnlyModeHeightThreshold: this.postOnlyModeHeightThreshold };
  }

  /** Sets `post_only_mode_height_threshold` (admin API), as a governance proposal would. */
  setPostOnlyModeHeightThreshold(threshold: number): void {
    this.postOnlyModeHeightThreshold = threshold;
  }

  /** Whether the block at `height` runs in post-only mode. */
  isPostOnlyModeAt(height: number): boolean {
    return isPostOnlyModeAt(this.postOnlyModeHeightThreshold, height);
  }

  latestHeight(): number {
    return this.height;
  }

  /** A retained block, or undefined. */
  block(height: number): SimBlock | undefined {
    return this.blocks.get(height);
  }

  /** The latest block. */
  latestBlock(): SimBlock {
    return this.blocks.get(this.height)!;
  }

  /** Committed state of an account, or undefined. */
  account(address: string): Readonly<SimAccount> | undefined {
    return this.accounts.get(address);
  }

  /** An executed tx by (upper- or lower-case) hash; undefined while pending, dropped or unknown. */
  tx(hash: string): DeliveredTx | undefined {
    return this.txIndex.get(hash.toUpperCase());
  }

  /** Bank balances of `address` in chain base units (integer strings), by denom, sorted. */
  bankBalances(address: string): { denom: string; amount: string }[] {
    const deposits = this.exchange.deposits(subaccountIdOf(address));
    return [...deposits.entries()]
      .map(([denom, d]) => ({ denom, amount: this.toBaseUnits(denom, d.available).toFixed(0, Dec.ROUND_DOWN) }))
      .filter((c) => c.amount !== '0')
      .sort((a, b) => (a.denom < b.denom ? -1 : a.denom > b.denom ? 1 : 0));
  }

  /** Decimals of a denom (18 for `inj`), or undefined when no market uses it. */
  denomDecimals(denom: string): number | undefined {
    return this.denoms.get(denom)?.decimals;
  }

  /** A human amount of `denom` in base units (decimals unknown: taken as 0). */
  toBaseUnits(denom: string, human: Decimal): Decimal {
    return human.mul(new Dec(10).pow(this.denoms.get(denom)?.decimals ?? 0));
  }

  /** Counters for the admin state endpoint. */
  chainStats(): ChainStats {
    return { height: this.height, mempoolSize: this.mempool.size, accounts: this.accounts.size, ...this.stats };
  }

  // ---------------------------------------------------------------- admin

  /**
   * Creates `address` if new and credits `balances` (denom → human amount) to its bank balance.
   * Throws `RangeError` for a denom no market uses, `InvalidAddressError` for a bad address.
   */
  fund(address: string, balances: Readonly<Record<string, string>>): Readonly<SimAccount> {
    for (const denom of Object.keys(balances)) {
      if (!this.denoms.has(denom)) {
        throw new RangeError(`unknown denom ${JSON.stringify(denom)}; known: ${[...this.denoms.keys()].join(', ')}`);
      }
    }
    const account = this.accounts.ensure(address);
    const subaccountId = subaccountIdOf(address);
    for (const [denom, amount] of Object.entries(balances)) this.exchange.credit(subaccountId, denom, new Dec(amount));
    return account;
  }

  /** Moves an account's committed and check-state sequence forward, as if another client used the key. */
  driftSequence(address: string, by: number): Readonly<SimAccount> {
    const account = this.accounts.get(address);
    if (!account) throw new RangeError(`account ${address} does not exist`);
    this.checkState.bump(address, account.sequence, BigInt(by));
    account.sequence += BigInt(by);
    return account;
  }

  // ---------------------------------------------------------------- CheckTx

  /**
   * BROADCAST_MODE_SYNC: runs CheckTx and, on success, queues the tx (or loses it, under the
   * drop fault). Returns the tx hash; throws `TxFailure` for a refused tx (sequence not consumed).
   */
  broadcast(txBytes: Uint8Array): string {
    try {
      this.answerAsLaggingNode(txBytes);
      const pending = this.checkTx(txBytes);
      this.checkState.accept(pending.sender, pending.tx.signer.sequence, pending.fee);
      this.stats.txsAccepted += 1;
      if (this.faults.dropBroadcast()) {
        this.stats.txsDropped += 1;
      } else {
        this.mempool.add(pending);
      }
      return pending.hash;
    } catch (e) {
      this.stats.txsRejected += 1;
      throw e;
    }
  }

  /**
   * Under the lagging-node fault: refuses the tx with code 32 as a node one block behind would,
   * naming the sequence before the committed one (only once the account has a committed tx).
   */
  private answerAsLaggingNode(txBytes: Uint8Array): void {
    if (!this.faults.laggingNode()) return;
    const tx = this.decode(txBytes);
    const account = this.accounts.get(this.signerOf(tx));
    if (!account || account.sequence === 0n) return;
    this.stats.laggingReplies += 1;
    throw TxFailures.wrongSequence(account.sequence - 1n, tx.signer.sequence);
  }

  /**
   * Gas a tx would use (fixed table or the metered model, per `fixed_gas_enabled`); checks what simulation checks (decoding, the
   * messages' rules, account, sequence) but not the signature. Throws `TxFailure`.
   */
  simulate(txBytes: Uint8Array): SimulationResult {
    const tx = this.decode(txBytes);
    const sender = this.signerOf(tx);
    const account = this.requireAccount(sender);
    const batches = this.batchesOf(tx, account);
    const expected = this.checkState.sequence(sender, account.sequence);
    if (tx.signer.sequence !== expected) throw TxFailures.wrongSequence(expected, tx.signer.sequence);
    return { gasWanted: tx.fee.gasLimit, gasUsed: this.gasOf(batches, txBytes.length) };
  }

  private checkTx(txBytes: Uint8Array): PendingTx {
    const tx = this.decode(txBytes);
    if (this.mempool.has(tx.hash) || this.txIndex.has(tx.hash)) throw TxFailures.txInMempoolCache();
    if (this.mempool.size >= this.config.mempoolMaxTxs) {
      throw TxFailures.mempoolFull(this.mempool.size, this.config.mempoolMaxTxs);
    }
    if (tx.fee.gasLimit > BigInt(this.config.maxGasPerTx)) throw TxFailures.invalidGasLimit(tx.fee.gasLimit, this.config.maxGasPerTx);
    const sender = this.signerOf(tx);
    const account = this.requireAccount(sender);
    const batches = this.batchesOf(tx, account);

    // ante handler, in the Cosmos SDK's order
    const nextHeight = this.height + 1;
    if (tx.timeoutHeight > 0n && BigInt(nextHeight) > tx.timeoutHeight) throw TxFailures.timeoutHeight(nextHeight, tx.timeoutHeight);
    const fee = this.feeOf(tx);
    this.refuseAnteOutOfGas(tx, txBytes.length);
    const required = tx.fee.gasLimit * (this.baseFee > this.minGasPrice ? this.baseFee : this.minGasPrice);
    if (fee < required) throw TxFailures.insufficientFee(coinsText(tx), `${required}${FEE_DENOM}`);
    const spendable = this.feeBalance(account) - this.checkState.reservedFee(sender);
    if (spendable < fee) throw TxFailures.insufficientFunds(`${spendable < 0n ? 0n : spendable}${FEE_DENOM}`, `${fee}${FEE_DENOM}`);
    if (!tx.signer.pubKey && !account.pubKey) throw TxFailures.invalidPubKey(`pubkey on account ${sender} is not set`);
    if (tx.signer.address !== null && tx.signer.address !== sender) {
      throw TxFailures.invalidPubKey(`pubKey does not match signer address ${sender} with signer index: 0`);
    }
    const expected = this.checkState.sequence(sender, account.sequence);
    if (tx.signer.sequence !== expected) throw TxFailures.wrongSequence(expected, tx.signer.sequence);
    const signatureOk = verifyTxSignature(tx, {
      chainId: this.chainId,
      accountNumber: account.accountNumber,
      storedPubKey: account.pubKey,
    });
    if (!signatureOk) throw TxFailures.signatureVerification(account.accountNumber, expected, this.chainId);

    return { hash: tx.hash, bytes: txBytes, tx, sender, batches, fee };
  }

  /**
   * The fee the tx carries, all of which the ante handler deducts: exactly one coin, in `inj`
   * (injective-core txfees `MempoolFeeDecorator`, which runs before the fee checks).
   */
  private feeOf(tx: DecodedTx): bigint {
    if (tx.fee.amount.length === 0) throw TxFailures.noFee();
    if (tx.fee.amount.length > 1) throw TxFailures.tooManyFeeCoins();
    const coin = tx.fee.amount[0]!;
    if (coin.denom !== FEE_DENOM) throw TxFailures.invalidFeeToken(coin.denom);
    if (!/^\d+$/.test(coin.amount)) throw TxFailures.invalidFeeAmount(coinsText(tx));
    return BigInt(coin.amount);
  }

  /**
   * A limit below the ante handler's own gas fails the ante handler, in CheckTx as in a block:
   * refused, nothing deducted, the sequence not consumed.
   */
  private refuseAnteOutOfGas(tx: DecodedTx, txBytes: number): void {
    const sizeGas = BigInt(ANTE_GAS.perTxByte * txBytes);
    if (tx.fee.gasLimit < sizeGas) throw TxFailures.outOfGas('txSize', tx.fee.gasLimit, sizeGas);
    const ante = BigInt(anteGas(txBytes));
    if (tx.fee.gasLimit < ante) throw TxFailures.outOfGas('ante verify: eth_secp256k1', tx.fee.gasLimit, ante);
  }

  private decode(txBytes: Uint8Array): DecodedTx {
    try {
      return decodeTx(txBytes);
    } catch (e) {
      if (!(e instanceof TxDecodeError)) throw e;
      switch (e.reason) {
        case 'NO_SIGNATURES':
          throw TxFailures.noSignatures();
        case 'MULTIPLE_SIGNERS':
        case 'UNSUPPORTED_SIGN_MODE':
          throw TxFailures.unauthorized(e.message);
        case 'INVALID_PUBKEY':
          throw TxFailures.invalidPubKey(e.message);
        default:
          throw TxFailures.txParse(e.message.replace(/^tx parse error:?\s*/, ''));
      }
    }
  }

  /** The single signer: the messages' sender (Cosmos derives signers from messages). */
  private signerOf(tx: DecodedTx): string {
    const senders = new Set<string>();
    for (const msg of tx.messages) {
      if (msg.kind === 'unsupported') {
        throw TxFailures.unknownRequest(`unrecognized message type: ${msg.typeUrl} (injective-sim executes MsgBatchUpdateOrders only)`);
      }
      senders.add(msg.sender);
    }
    if (senders.size !== 1) throw TxFailures.unauthorized(`wrong number of signers; expected 1, got ${senders.size}`);
    return [...senders][0]!;
  }

  private requireAccount(address: string): SimAccount {
    const account = this.accounts.get(address);
    if (!account) throw TxFailures.unknownAddress(address);
    return account;
  }

  /** The tx's batches as the next block would take them (refuses what that block could not run). */
  private batchesOf(tx: DecodedTx, account: SimAccount): SimBatch[] {
    const rules = blockRulesAt(this.postOnlyModeHeightThreshold, this.height + 1);
    return tx.messages.map((msg) => {
      const batch = toSimBatch(msg as DecodedBatchUpdateOrders, account.hex, (id) => this.exchange.market(id));
      refuseUnsimulatedMarketOrders(batch, rules);
      return batch;
    });
  }

  private gasOf(batches: readonly SimBatch[], txBytes: number): bigint {
    const resting = (marketId: string, subaccountId: string) => this.exchange.openOrders(marketId, subaccountId).length;
    return BigInt(txGas(batches, resting, this.config.exchangeParams.fixedGasEnabled, txBytes));
  }

  /** Spendable fee-denom balance in base units. */
  private feeBalance(account: SimAccount): bigint {
    const deposit = this.exchange.deposits(subaccountIdOf(account.address)).get(FEE_DENOM);
    if (!deposit) return 0n;
    return BigInt(this.toBaseUnits(FEE_DENOM, deposit.available).toFixed(0, Dec.ROUND_DOWN));
  }

  // ---------------------------------------------------------------- blocks

  /** Produces `count` blocks; returns them. */
  produceBlocks(count: number): SimBlock[] {
    const produced: SimBlock[] = [];
    for (let i = 0; i < count; i++) produced.push(this.produceBlock());
    return produced;
  }

  /**
   * One block: includes the mempool's txs in arrival order (unless the stuck-mempool fault holds
   * them), charges fees, bumps sequences, applies the messages, indexes the results, then lets
   * the exchange run its per-block step and rechecks what stays in the mempool.
   */
  produceBlock(): SimBlock {
    const height = this.height + 1;
    const time = this.blockTime(height);
    const txHashes: string[] = [];
    if (!this.faults.takeStuckBlock()) {
      for (const pending of this.mempool.drain()) {
        if (!this.stillValid(pending, height)) {
          this.stats.txsEvicted += 1;
          continue;
        }
        const delivered = this.deliver(pending, height, txHashes.length, time);
        this.txIndex.add(delivered);
        txHashes.push(delivered.hash);
        this.stats.txsIncluded += 1;
        if (delivered.code !== 0) this.stats.txsFailed += 1;
      }
    }
    this.height = height;
    try {
      this.exchange.onBlock(height, blockRulesAt(this.postOnlyModeHeightThreshold, height));
    } catch (e) {
      this.stats.blockErrors += 1;
      this.stats.lastBlockError = `height ${height}: ${e instanceof Error ? e.message : String(e)}`;
      this.onBlockError(e, height);
    }
    this.recheckMempool();
    this.lastHash = blockHash(height, this.lastHash, txHashes);
    const block: SimBlock = { height, time, hash: this.lastHash, txHashes };
    this.blocks.set(height, block);
    this.blocks.delete(height - BLOCKS_RETAINED);
    return block;
  }

  /** A queued tx may still be included: its sequence is next and its timeout has not passed. */
  private stillValid(pending: PendingTx, height: number): boolean {
    const account = this.accounts.get(pending.sender);
    if (!account || pending.tx.signer.sequence !== account.sequence) return false;
    return pending.tx.timeoutHeight === 0n || BigInt(height) <= pending.tx.timeoutHeight;
  }

  /**
   * Runs one tx in its block. The ante handler runs again: it deducts the whole fee the tx carries
   * (cosmos-sdk `DeductFees`: the coins in `auth_info.fee`, not gas × price) and consumes the
   * sequence; when the fee can no longer be paid, the ante handler fails and its writes are
   * dropped (code 5: no fee, sequence not consumed, no events). Past the ante handler the fee
   * stays paid whatever the messages do (failure, out of gas).
   */
  private deliver(pending: PendingTx, height: number, index: number, time: string): DeliveredTx {
    const { tx, sender } = pending;
    const account = this.accounts.get(sender)!;
    const base = { hash: pending.hash, height, index, gasWanted: tx.fee.gasLimit, timestamp: time, bytes: pending.bytes };
    const failed = (failure: TxFailure, gasUsed: bigint, events: TxEvent[]): DeliveredTx => ({
      ...base,
      code: failure.abciCode,
      codespace: failure.codespace,
      log: failure.log,
      gasUsed,
      data: '',
      events,
      msgEvents: [],
    });

    const feeHuman = new Dec(pending.fee.toString()).div(new Dec(10).pow(18));
    if (pending.fee > 0n && !this.exchange.debit(subaccountIdOf(sender), FEE_DENOM, feeHuman)) {
      const spendable = this.feeBalance(account);
      const failure = TxFailures.insufficientFunds(`${spendable}${FEE_DENOM}`, `${pending.fee}${FEE_DENOM}`);
      // the ante handler got as far as the size gas, which precedes the fee deduction
      return failed(failure, BigInt(ANTE_GAS.perTxByte * pending.bytes.length), []);
    }
    const sequence = account.sequence;
    account.sequence += 1n;
    if (!account.pubKey && tx.signer.pubKey) account.pubKey = tx.signer.pubKey;
    const ante = anteEvents({
      sender,
      fee: coinsText(tx),
      sequence,
      signatureBase64: Buffer.from(tx.signature).toString('base64'),
    });

    // cancel-all is charged per order it removes: count against the state the tx meets
    const gasUsed = this.gasOf(pending.batches, pending.bytes.length);
    if (gasUsed > tx.fee.gasLimit) return failed(TxFailures.outOfGas('exchange', tx.fee.gasLimit, gasUsed), gasUsed, ante);

    const rules = blockRulesAt(this.postOnlyModeHeightThreshold, height);
    const msgEvents: TxEvent[][] = [];
    const responses: Parameters<typeof encodeBatchUpdateOrdersTxData>[0] = [];
    for (const [i, batch] of pending.batches.entries()) {
      const msg = tx.messages[i] as DecodedBatchUpdateOrders;
      try {
        refuseUnsimulatedMarketOrders(batch, rules);
        const result = this.exchange.applyBatch(batch, height, rules);
        responses.push({ typeUrl: msg.typeUrl, fields: batchResponseFields(batch, result) });
        msgEvents.push(batchEvents({ msgIndex: i, typeUrl: msg.typeUrl, sender, senderHex: account.hex, result }));
      } catch (e) {
        const failure = e instanceof TxFailure ? e : TxFailures.panic(`message ${i}: ${e instanceof Error ? e.message : String(e)}`);
        return failed(failure, gasUsed, ante);
      }
    }
    return {
      ...base,
      code: 0,
      codespace: '',
      log: '',
      gasUsed,
      data: encodeBatchUpdateOrdersTxData(responses),
      events: [...ante, ...msgEvents.flat()],
      msgEvents,
    };
  }

  /** After a block: check state equals committed state again, replayed over the txs still queued. */
  private recheckMempool(): void {
    this.checkState.reset();
    if (this.mempool.size === 0) return;
    const nextHeight = BigInt(this.height + 1);
    this.mempool.retain((pending) => {
      const account = this.accounts.get(pending.sender);
      const keep =
        account !== undefined &&
        pending.tx.signer.sequence === this.checkState.sequence(pending.sender, account.sequence) &&
        (pending.tx.timeoutHeight === 0n || nextHeight <= pending.tx.timeoutHeight);
      if (keep) this.checkState.accept(pending.sender, pending.tx.signer.sequence, pending.fee);
      else this.stats.txsEvicted += 1;
      return keep;
    });
  }

  private blockTime(height: number): string {
    return new Date(this.genesisMs + height * (this.config.blockMs || NOMINAL_BLOCK_MS)).toISOString();
  }
}

/** The fee as the chain prints coins: `64000000000000inj`, comma-separated. */
function coinsText(tx: DecodedTx): string {
  return tx.fee.amount.map((c) => `${c.amount}${c.denom}`).join(',');
}

function blockHash(height: number, previous: string, txHashes: readonly string[]): string {
  const hash = createHash('sha256').update(`${height}|${previous}`);
  for (const tx of txHashes) hash.update(tx);
  return hash.digest('hex').toUpperCase();
}
