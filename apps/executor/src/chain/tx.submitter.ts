import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { DEFAULT_CANCEL_ALL_ORDERS_PER_MARKET, gasFromSimulation, signWithEstimatedGas, TxNotIncludedError, type Wallet } from '@mirrorbook/injective';
import { buildBatchUpdateOrdersMsg, type SignedTx, txSigner, type TxResult, waitForInclusion } from '@mirrorbook/injective/signing';
import type { BuiltBatch } from '../batch/batch-input.builder';
import { classifyBroadcastFailure } from '../sequence/broadcast-failure.classifier';
import type { SequenceManager } from '../sequence/sequence.manager';
import { BatchNotAppliedError } from '../shared/batch-not-applied.error';
import { executorMetrics } from '../shared/executor.metrics';
import { LeaseLostError } from '../shared/lease-lost.error';
import type { TenureGuard } from '../shared/tenure.guard';
import { TxOutcomeUnknownError, type AcceptedTx } from '../shared/tx-outcome-unknown.error';
import type { ChainAccess } from './chain.access';
import type { FeeMeter } from '../fees/fee.meter';
import type { ChainFees } from './chain.fees';

/**
 * A broadcast cut off by its bounded signal: the lease was lost, or its local deadline passed while
 * waiting for the rate limiter or the node. Ends the tenure like a lost lease (the next holder
 * reconciles whatever reached the node).
 */
function leaseEndedDuringBroadcast(signal: AbortSignal): LeaseLostError {
  return signal.reason instanceof LeaseLostError ? signal.reason : new LeaseLostError('the lease deadline passed during the broadcast');
}

/** A tx seen in a block (with code 0 or not). */
export interface IncludedTx {
  readonly txHash: string;
  readonly broadcastAt: number;
  readonly includedAt: number;
  readonly result: TxResult;
}

/** Signing settings of the submitter. */
export interface SubmitterOptions {
  readonly wallet: Wallet;
  readonly walletId: string;
  /** blocks after the current height at which the tx stops being includable */
  readonly timeoutBlocks: number;
  readonly sequenceRetryDelayMs: number;
  readonly allowMainnetTrading: boolean;
  /** pause between inclusion lookups */
  readonly pollMs: number;
  /** gas = simulated gas × this when the chain's fixed gas is off (decimal string, e.g. "1.3") */
  readonly gasMargin: string;
  /** how long an accepted tx is followed without a new block before its outcome is reported unknown */
  readonly inclusionWaitMs: number;
  /** where the fee of every included tx (applied or failed in its block) is metered */
  readonly feeMeter?: Pick<FeeMeter, 'record'>;
}

// the same bytes again when a tx has not shown up after this many blocks: a node that lost it
// takes it back; one that has it answers "already in mempool"
const REBROADCAST_AFTER_BLOCKS = 2;
const MAX_RESENDS = 6;
// a node naming a sequence below the last included one is behind: the same bytes again a block later, this often
const MAX_LAGGING_RESENDS = 5;
// the height only steers re-sending and the timeout: no need to ask for it on every lookup
const HEIGHT_CHECK_EVERY_MS = 500;
// a height this fresh is good enough to place the timeout height N blocks ahead
const HEIGHT_REUSE_MS = 2000;

/**
 * Signs, broadcasts and follows one batch to its block (docs/injective.md#broadcasting): the sequence
 * comes from the `SequenceManager`; a sequence mismatch sets it to the chain's expected value and
 * retries the batch once, unless the expected value is below the last included sequence + 1 (a
 * lagging node: the same bytes go again a block later); full mempools, rate limits and unreachable nodes get the same bytes again
 * (idempotent: a duplicate answers "already in mempool"); a tx that does not show up is re-sent
 * every few blocks until its timeout height, after which it surely did nothing. The lease is
 * checked right before every broadcast (holder and fencing token, atomically), and every broadcast
 * with its rate-limiter wait is bounded by the lease's local deadline. Gas: the fixed table when the chain charges it, else a
 * simulation × margin; gas price from `ChainFees`, read again once after an insufficient fee (code 13).
 */
export class TxSubmitter {
  private readonly logger = new Logger(TxSubmitter.name);
  private knownHeight: { height: number; at: number } | undefined;
  private includedHeight = 0;

  constructor(
    private readonly chain: Pick<ChainAccess, 'network' | 'broadcast' | 'simulateGas' | 'latestHeight' | 'tx' | 'lcd'>,
    private readonly sequence: SequenceManager,
    private readonly fees: Pick<ChainFees, 'params' | 'gasPrice' | 'reprice'>,
    private readonly options: SubmitterOptions,
  ) {}

  /** The height of the block the last tx of this wallet sent from here was included in; 0 before any. */
  get lastIncludedHeight(): number {
    return this.includedHeight;
  }

  /**
   * Submits `built` for `chainId`. Resolves when the tx is in a block (check `result.code`);
   * throws `BatchNotAppliedError` when it certainly did nothing, `LeaseLostError` when the lease
   * went before broadcast, `TxOutcomeUnknownError` when the node accepted it and following it
   * ended before a block or its timeout height said what became of it (settle it with `settle`).
   */
  async submit(built: BuiltBatch, chainId: string, guard: TenureGuard): Promise<IncludedTx> {
    const msg = buildBatchUpdateOrdersMsg(built.input);
    let gasPrice = await this.fees.gasPrice();
    let sequenceRetried = false;
    let repriced = false;
    for (;;) {
      const height = await this.latestHeight();
      const sequence = this.sequence.next;
      const timeoutHeight = height + this.options.timeoutBlocks;
      const sign = txSigner({
        msg,
        wallet: this.options.wallet,
        chainId,
        accountNumber: this.sequence.accountNumber,
        sequence,
        timeoutHeight,
        gasPrice,
        feeDenom: this.chain.network.feeDenom,
        allowMainnetTrading: this.options.allowMainnetTrading,
      });
      const signed = await this.signWithGas(sign, built);
      const sent = await this.sendPastLaggingNodes(signed, height, guard);
      if (sent.kind === 'resign') continue;
      if (sent.kind === 'sequence-mismatch') {
        executorMetrics.sequenceMismatches().inc({ wallet: this.options.walletId });
        if (sequenceRetried) throw new BatchNotAppliedError('sequence mismatch on the retry too', true);
        sequenceRetried = true;
        await this.sequence.mismatch(sent.expected);
        await sleep(this.options.sequenceRetryDelayMs, undefined, { signal: guard.signal });
        continue;
      }
      if (sent.kind === 'reprice') {
        if (repriced) throw new BatchNotAppliedError(`fee refused again after re-pricing to ${gasPrice}: ${sent.error.message}`, false, null, null, { cause: sent.error });
        repriced = true;
        const before = gasPrice;
        gasPrice = await this.fees.reprice();
        this.logger.warn(`insufficient fee at gas price ${before}: signing again at ${gasPrice}`);
        continue;
      }
      if (sent.kind === 'fatal') throw sent.error;
      const accepted: AcceptedTx = { txHash: signed.txHash, txBytesBase64: signed.txBytesBase64, sequence, timeoutHeight, broadcastAt: Date.now() };
      executorMetrics.txsBroadcast().inc({ wallet: this.options.walletId });
      // from here on nothing may call the tx failed unless the chain says so: the sequence write
      // goes through the outbox, and a wait that ends without a verdict is an unknown outcome
      await this.sequence.consumed(sequence);
      let result: TxResult | string;
      try {
        result = await this.awaitInclusion(signed, sequence, height, timeoutHeight, guard);
      } catch (error) {
        throw new TxOutcomeUnknownError(accepted, (error as Error).message, { cause: error });
      }
      if (typeof result === 'string') return this.neverIncluded(accepted, result);
      return this.included(accepted, result);
    }
  }

  /**
   * Settles a tx whose outcome was unknown: in a block → its result; surely never (the chain is
   * past its timeout height and it is still not found) → `BatchNotAppliedError`, its sequence
   * released; undefined while it may still land (its bytes go to the node again, in case the node
   * lost them) or the chain cannot be read.
   */
  async settle(tx: AcceptedTx, guard: TenureGuard): Promise<IncludedTx | undefined> {
    try {
      const found = await this.chain.tx(tx.txHash);
      if (found) return this.included(tx, found);
      const height = await this.latestHeight(0);
      if (height > tx.timeoutHeight) {
        // an index that lags must not make us call a landed tx lost: one more lookup
        const late = await this.chain.tx(tx.txHash);
        if (late) return this.included(tx, late);
        return this.neverIncluded(tx, `was not included before its timeout height ${tx.timeoutHeight}`);
      }
      await this.resend(tx, guard);
      return undefined;
    } catch (error) {
      if (error instanceof BatchNotAppliedError || guard.signal.aborted) throw error;
      this.logger.warn(`tx ${tx.txHash} still unsettled: ${(error as Error).message}`);
      return undefined;
    }
  }

  private included(tx: AcceptedTx, result: TxResult): IncludedTx {
    this.sequence.included(tx.sequence);
    this.includedHeight = Math.max(this.includedHeight, result.height);
    this.options.feeMeter?.record(result.feePaid, Date.now());
    executorMetrics.txsIncluded().inc({ wallet: this.options.walletId, result: result.code === 0 ? 'ok' : 'failed' });
    return { txHash: tx.txHash, broadcastAt: tx.broadcastAt, includedAt: Date.now(), result };
  }

  private neverIncluded(tx: AcceptedTx, reason: string): never {
    this.sequence.released(tx.sequence);
    throw new BatchNotAppliedError(`tx ${tx.txHash} ${reason}`, true, tx.txHash, tx.broadcastAt);
  }

  /**
   * The tx signed with the gas the chain will charge: with `fixed_gas_enabled` the fixed table for
   * the orders open on its cancel-all markets, plus the ante gas of its size and a small margin
   * (libs/injective `signWithEstimatedGas`); else what a simulation of it used × the margin (the
   * estimate when the simulation fails).
   */
  private async signWithGas(sign: (gas: number) => SignedTx, built: BuiltBatch): Promise<SignedTx> {
    const cancelAllOrders = (marketId: string) => built.cancelAllOrders.get(marketId) ?? DEFAULT_CANCEL_ALL_ORDERS_PER_MARKET;
    const { signed: draft, estimate } = signWithEstimatedGas(sign, built.input, { cancelAllOrders });
    if (this.fees.params.fixedGasEnabled) return draft;
    try {
      const used = await this.chain.simulateGas(draft.txBytesBase64);
      return sign(gasFromSimulation(used, this.options.gasMargin));
    } catch (error) {
      this.logger.warn(`simulate failed (${(error as Error).message}): signing with the fixed gas table's estimate ${estimate.gas}`);
      return draft;
    }
  }

  /**
   * `send`, and while the refusal names a sequence below the floor (a node behind the chain: see
   * `decideMismatch`), the same bytes again once a block passed, up to `MAX_LAGGING_RESENDS` times.
   */
  private async sendPastLaggingNodes(signed: SignedTx, height: number, guard: TenureGuard): ReturnType<TxSubmitter['send']> {
    for (let resends = 0; ; resends++) {
      const sent = await this.send(signed, guard);
      if (sent.kind !== 'sequence-mismatch' || sent.expected === null || sent.expected >= this.sequence.floor) return sent;
      executorMetrics.laggingNodeReplies().inc({ wallet: this.options.walletId });
      if (resends >= MAX_LAGGING_RESENDS) {
        throw new BatchNotAppliedError(`tx ${signed.txHash}: nodes kept naming sequence ${sent.expected}, below the last included + 1 (${this.sequence.floor})`, true);
      }
      this.logger.warn(`a node named sequence ${sent.expected}, below the last included + 1 (${this.sequence.floor}): it lags; tx ${signed.txHash.slice(0, 16)}… goes again, unchanged, after the next block`);
      height = await this.nextBlockAfter(height, guard);
    }
  }

  /** Waits until the chain is past `height` (polled every `pollMs`); answers the new height. */
  private async nextBlockAfter(height: number, guard: TenureGuard): Promise<number> {
    const started = Date.now();
    for (;;) {
      await sleep(this.options.pollMs, undefined, { signal: guard.signal });
      const now = await this.latestHeight(0).catch(() => height);
      if (now > height) return now;
      if (Date.now() - started > this.options.inclusionWaitMs) throw new BatchNotAppliedError(`no block after ${height} for ${this.options.inclusionWaitMs} ms`, true);
    }
  }

  private async send(
    signed: SignedTx,
    guard: TenureGuard,
  ): Promise<
    | { kind: 'accepted' }
    | { kind: 'resign' }
    | { kind: 'sequence-mismatch'; expected: number | null }
    | { kind: 'reprice'; error: Error }
    | { kind: 'fatal'; error: Error }
  > {
    let ambiguous = false;
    for (let attempt = 0; ; attempt++) {
      await guard.assertActive();
      const bounded = guard.broadcastSignal();
      try {
        await this.chain.broadcast(signed.txBytesBase64, bounded);
        return { kind: 'accepted' };
      } catch (error) {
        if (bounded.aborted) throw leaseEndedDuringBroadcast(bounded);
        const failure = classifyBroadcastFailure(error);
        switch (failure.kind) {
          case 'already-known':
            return { kind: 'accepted' };
          case 'sequence-mismatch':
            // after an ambiguous attempt the first copy may be what consumed the sequence
            if (ambiguous && (await this.lookup(signed.txHash))) return { kind: 'accepted' };
            return { kind: 'sequence-mismatch', expected: failure.expected };
          case 'resend':
            ambiguous ||= failure.ambiguous;
            if (attempt >= MAX_RESENDS) {
              // an ambiguous copy may still be in the mempool: follow it to its timeout height
              if (ambiguous) return { kind: 'accepted' };
              return { kind: 'fatal', error: new BatchNotAppliedError(`broadcast kept failing: ${(error as Error).message}`, true, null, null, { cause: error }) };
            }
            await sleep(failure.delayMs * 2 ** Math.min(attempt, 4), undefined, { signal: guard.signal });
            continue;
          case 'resign':
            return { kind: 'resign' };
          case 'reprice':
            return { kind: 'reprice', error: error as Error };
          case 'fatal':
            if (failure.refreshAccount) await this.sequence.refresh().catch(() => undefined);
            return { kind: 'fatal', error: new BatchNotAppliedError(`broadcast refused: ${(error as Error).message}`, false, null, null, { cause: error }) };
        }
      }
    }
  }

  /**
   * Looks the tx up until it is in a block (libs/injective's inclusion waiter; a failed lookup
   * counts as not there yet). Once it surely never will be, the reason instead: its timeout height
   * passed, or the account moved past its sequence without it (a drift, another client) and it
   * still is not found a block later (an index that lags must not make us send it twice).
   */
  private async awaitInclusion(
    signed: SignedTx,
    sequence: number,
    sentAtHeight: number,
    timeoutHeight: number,
    guard: TenureGuard,
  ): Promise<TxResult | string> {
    const started = Date.now();
    let lastSentHeight = sentAtHeight;
    let heightCheckedAt = started;
    let lastBlock = { height: sentAtHeight, at: started };
    let passedAtHeight: number | undefined;
    let gaveUp = false;
    const giveUp = (reason: string): string => {
      gaveUp = true;
      return reason;
    };
    const neverIncluded = async (): Promise<string | undefined> => {
      if (Date.now() - heightCheckedAt < HEIGHT_CHECK_EVERY_MS) return undefined;
      heightCheckedAt = Date.now();
      const height = await this.latestHeight(0).catch(() => lastSentHeight);
      if (height > timeoutHeight) return giveUp(`was not included before its timeout height ${timeoutHeight}`);
      if (passedAtHeight !== undefined && height > passedAtHeight) return giveUp(`lost its sequence ${sequence}: the account moved past it without this tx`);
      if (height > lastBlock.height) lastBlock = { height, at: Date.now() };
      if (Date.now() - lastBlock.at > this.options.inclusionWaitMs) throw new Error(`no block after ${lastBlock.height} for ${this.options.inclusionWaitMs} ms`);
      if (passedAtHeight === undefined && height >= lastSentHeight + REBROADCAST_AFTER_BLOCKS) {
        lastSentHeight = height;
        const expected = await this.resend(signed, guard);
        if (expected !== null && expected > sequence) passedAtHeight = height;
      }
      return undefined;
    };
    try {
      const found = await waitForInclusion(this.chain.lcd, signed.txHash, {
        // no deadline of the waiter's own: neverIncluded gives up, or throws after inclusionWaitMs
        timeoutMs: Number.POSITIVE_INFINITY,
        pollMs: this.options.pollMs,
        sleep: (ms) => sleep(ms, undefined, { signal: guard.signal }),
        isTransient: () => true,
        neverIncluded,
      });
      // found by the last lookup after giving up: the height just read stays the known one
      if (!gaveUp) this.knownHeight = { height: found.height, at: Date.now() };
      return found;
    } catch (error) {
      if (error instanceof TxNotIncludedError && error.reason !== null) return error.reason;
      throw error;
    }
  }

  /** Sends the same bytes again; the chain's expected sequence when it refuses them for their sequence. */
  private async resend(signed: Pick<SignedTx, 'txHash' | 'txBytesBase64'>, guard: TenureGuard): Promise<number | null> {
    await guard.assertActive();
    const bounded = guard.broadcastSignal();
    try {
      await this.chain.broadcast(signed.txBytesBase64, bounded);
      this.logger.warn(`tx ${signed.txHash} was not in the mempool any more: sent again`);
      return null;
    } catch (error) {
      if (bounded.aborted) throw leaseEndedDuringBroadcast(bounded);
      const failure = classifyBroadcastFailure(error);
      return failure.kind === 'sequence-mismatch' ? failure.expected : null;
    }
  }

  /**
   * The chain's height, reusing one read within `maxAgeMs`, else the height the host's last reply
   * carried if it came within two poll intervals (the inclusion polls' own replies carry it), else
   * a read of the latest block.
   */
  private async latestHeight(maxAgeMs = HEIGHT_REUSE_MS): Promise<number> {
    if (this.knownHeight && Date.now() - this.knownHeight.at <= maxAgeMs) return this.knownHeight.height;
    const height = await this.chain.latestHeight(Math.max(maxAgeMs, 2 * this.options.pollMs));
    this.knownHeight = { height, at: Date.now() };
    return height;
  }

  private async lookup(txHash: string): Promise<TxResult | null> {
    try {
      return await this.chain.tx(txHash);
    } catch {
      return null;
    }
  }
}
