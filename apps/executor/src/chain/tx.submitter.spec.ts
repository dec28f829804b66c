import { Logger } from '@nestjs/common';
import type { FencedStore } from '@mirrorbook/locking';
import { Dec } from '@mirrorbook/market';
import { ANTE_MARGIN_GAS, anteGas, fixedTableGas, GAS_PER_ORDER, MAX_GAS_PER_TX, networkSides, signedTxBytes, type ExchangeParams, type LcdClient } from '@mirrorbook/injective';
import { buildBatchUpdateOrdersMsg, signTx, type TxResult, walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { buildBatchInput, CANCEL_ALL_UNSTORED_ORDERS } from '../batch/batch-input.builder';
import { SequenceManager } from '../sequence/sequence.manager';
import { BatchNotAppliedError } from '../shared/batch-not-applied.error';
import { LeaseLostError } from '../shared/lease-lost.error';
import { RedisWriteOutbox } from '../shared/redis-write.outbox';
import type { TenureGuard } from '../shared/tenure.guard';
import { TxOutcomeUnknownError, type AcceptedTx } from '../shared/tx-outcome-unknown.error';
import { testnetMarket } from '../testing/market.fixture';
import { TxSubmitter } from './tx.submitter';

const wallet = walletFromPrivateKey('11'.repeat(32));
const HEIGHT = 100;
const TIMEOUT_BLOCKS = 20;
const FIRST_SEQUENCE = 7;

/**
 * A node that accepts every broadcast and never shows the tx in a block (lookups: not found),
 * unless `included` holds it; `afterBroadcast` moves the chain on once the first copy is accepted.
 */
class FakeNode {
  height = HEIGHT;
  readonly broadcasts: string[] = [];
  readonly included = new Map<string, TxResult>();
  lookupFails = false;
  afterBroadcast: () => void = () => undefined;
  readonly network = networkSides('testnet', {}).trading.config;
  readonly lcd = { baseUrl: 'fake', getTx: async () => null } as unknown as LcdClient;

  async broadcast(txBytesBase64: string): Promise<string> {
    this.broadcasts.push(txBytesBase64);
    if (this.broadcasts.length === 1) this.afterBroadcast();
    return '';
  }
  async simulateGas(): Promise<number> {
    throw new Error('fixed gas: no simulation');
  }
  async latestHeight(): Promise<number> {
    return this.height;
  }
  async tx(txHash: string): Promise<TxResult | null> {
    if (this.lookupFails) throw new Error('LCD unreachable');
    return this.included.get(txHash) ?? null;
  }
}

function setup(options: { fencedWritesFail?: boolean; inclusionWaitMs?: number } = {}) {
  const node = new FakeNode();
  const fencedWrites: string[] = [];
  const fenced = {
    read: async () => undefined,
    write: async (_key: string, _token: number, value: string) => {
      if (options.fencedWritesFail) throw new Error("ERR The user executing the script can't run this command");
      fencedWrites.push(value);
    },
  } as unknown as FencedStore;
  const outbox = new RedisWriteOutbox({ wallet: 'w1', maxAttempts: 12, backoffMs: 200, maxBackoffMs: 5000 });
  const sequence = new SequenceManager({ account: async () => ({ address: wallet.injAddress, accountNumber: 5, sequence: FIRST_SEQUENCE, pubKey: null }) }, fenced, 'w1', wallet.injAddress, 2, outbox);
  const fees = { params: { fixedGasEnabled: true } as ExchangeParams, gasPrice: async () => '160000000', reprice: async () => '160000000' };
  const submitter = new TxSubmitter(node, sequence, fees, {
    wallet,
    walletId: 'w1',
    timeoutBlocks: TIMEOUT_BLOCKS,
    sequenceRetryDelayMs: 10,
    allowMainnetTrading: false,
    pollMs: 20,
    gasMargin: '1.3',
    inclusionWaitMs: options.inclusionWaitMs ?? 60_000,
  });
  let leaseLost = false;
  const tenure = new AbortController();
  const guard: TenureGuard = {
    signal: tenure.signal,
    assertActive: async () => {
      if (leaseLost) throw new LeaseLostError('the lease key names someone else');
    },
    broadcastSignal: () => tenure.signal,
  };
  const market = testnetMarket('inj-usdt');
  const built = buildBatchInput(
    { intentIds: ['i1'], plannedAt: 0, bookSeqs: new Map(), markets: [{ market: 'inj-usdt', cancelAll: true, cancels: [], creates: [] }] },
    { injectiveAddress: wallet.injAddress, subaccountId: wallet.subaccountId, market: () => market, leverage: () => { throw new Error('no derivatives'); } },
  );
  return { node, sequence, outbox, fencedWrites, submitter, guard, built, loseLease: () => (leaseLost = true) };
}

function inBlock(txHash: string, height: number): TxResult {
  return {
    txHash, height, code: 0, codespace: '', rawLog: '', gasWanted: 0, gasUsed: 0, createdOrderHashes: [], createdCids: [], failedCids: [],
    spotCreateResults: [], derivativeCreateResults: [], spotCancelSuccess: [], derivativeCancelSuccess: [], error: null, feePaid: [],
  };
}

describe('TxSubmitter: what becomes of a tx the node accepted', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  it('no block for the inclusion wait: unknown, with its hash, sequence and timeout height; the sequence stays reserved', async () => {
    const { submitter, sequence, guard, built, node } = setup({ inclusionWaitMs: 1000 });
    await sequence.load(1);
    const error = await submitter.submit(built, 'injective-888', guard).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TxOutcomeUnknownError);
    const { tx } = error as TxOutcomeUnknownError;
    expect(tx).toMatchObject({ sequence: FIRST_SEQUENCE, timeoutHeight: HEIGHT + TIMEOUT_BLOCKS, txBytesBase64: node.broadcasts[0] });
    expect(tx.txHash).toMatch(/^[0-9A-F]{64}$/);
    expect((error as Error).message).toBe(`tx ${tx.txHash} accepted, outcome unknown: no block after ${HEIGHT} for 1000 ms`);
    expect(sequence.next).toBe(FIRST_SEQUENCE + 1);
  });

  it('with fixed gas: signs the table for the orders stored + CANCEL_ALL_UNSTORED_ORDERS, the ante gas of its own bytes and the margin, no more', async () => {
    const { submitter, sequence, guard, node } = setup();
    const market = testnetMarket('inj-usdt');
    const built = buildBatchInput(
      { intentIds: ['i1'], plannedAt: 0, bookSeqs: new Map(), markets: [{ market: 'inj-usdt', cancelAll: true, cancels: [], creates: [] }] },
      { injectiveAddress: wallet.injAddress, subaccountId: wallet.subaccountId, market: () => market, leverage: () => new Dec(1), openOrders: () => 5 },
    );
    await sequence.load(1);
    node.afterBroadcast = () => (node.height = HEIGHT + TIMEOUT_BLOCKS + 1);
    await submitter.submit(built, 'injective-888', guard).catch(() => undefined);

    const sign = (gas: number) =>
      signTx({ msg: buildBatchUpdateOrdersMsg(built.input), wallet, chainId: 'injective-888', accountNumber: 5, sequence: FIRST_SEQUENCE, timeoutHeight: HEIGHT + TIMEOUT_BLOCKS, gas, gasPrice: '160000000', feeDenom: node.network.feeDenom });
    const table = fixedTableGas(built.input, () => 5 + CANCEL_ALL_UNSTORED_ORDERS);
    expect(table).toBe(9 * GAS_PER_ORDER.spotCancel);
    const gas = table + anteGas(signedTxBytes(sign(MAX_GAS_PER_TX))) + ANTE_MARGIN_GAS;
    expect(node.broadcasts[0]).toBe(sign(gas).txBytesBase64);
  });

  it('the fenced sequence write failing after acceptance is no failure of the tx: the write waits in the outbox', async () => {
    const { submitter, sequence, outbox, guard, built, node, fencedWrites } = setup({ fencedWritesFail: true });
    // the takeover's own write fails too (it is not through the outbox): the sequence is loaded all the same
    await sequence.load(1).catch(() => undefined);
    node.afterBroadcast = () => (node.height = HEIGHT + TIMEOUT_BLOCKS + 1);
    const error = await submitter.submit(built, 'injective-888', guard).catch((e: unknown) => e);
    // followed to its verdict (here: past its timeout height), not turned into a Redis failure
    expect(error).toBeInstanceOf(BatchNotAppliedError);
    expect((error as Error).message).toMatch(/was not included before its timeout height/);
    expect({ pending: outbox.pending, written: fencedWrites }).toEqual({ pending: [`seq:w1 = ${FIRST_SEQUENCE}`], written: [] });
  });

  it('the chain past its timeout height without it: not applied, with its hash; the sequence released', async () => {
    const { submitter, sequence, guard, built, node } = setup();
    await sequence.load(1);
    node.afterBroadcast = () => (node.height = HEIGHT + TIMEOUT_BLOCKS + 1);
    const error = await submitter.submit(built, 'injective-888', guard).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchNotAppliedError);
    expect(error).toMatchObject({ retryable: true, txHash: expect.stringMatching(/^[0-9A-F]{64}$/) });
    expect((error as Error).message).toMatch(new RegExp(`was not included before its timeout height ${HEIGHT + TIMEOUT_BLOCKS}$`));
    expect(sequence.next).toBe(FIRST_SEQUENCE);
  });

  it('the lease lost while following it: unknown, the lease loss as its cause', async () => {
    const { submitter, sequence, guard, built, node, loseLease } = setup();
    await sequence.load(1);
    // two blocks without it: the same bytes go again, and the lease check before that fails
    node.afterBroadcast = () => {
      node.height = HEIGHT + 2;
      loseLease();
    };
    const error = await submitter.submit(built, 'injective-888', guard).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TxOutcomeUnknownError);
    expect((error as TxOutcomeUnknownError).cause).toBeInstanceOf(LeaseLostError);
    expect(sequence.next).toBe(FIRST_SEQUENCE + 1);
  });

  describe('settling a tx of unknown outcome', () => {
    const accepted: AcceptedTx = { txHash: 'AB'.repeat(32), txBytesBase64: 'eA==', sequence: FIRST_SEQUENCE, timeoutHeight: HEIGHT + TIMEOUT_BLOCKS, broadcastAt: 1 };

    async function settling() {
      const world = setup();
      await world.sequence.load(1);
      await world.sequence.consumed(FIRST_SEQUENCE);
      return world;
    }

    it('in a block: its result; the sequence spent', async () => {
      const { submitter, sequence, guard, node } = await settling();
      node.included.set(accepted.txHash, inBlock(accepted.txHash, 105));
      expect(await submitter.settle(accepted, guard)).toMatchObject({ txHash: accepted.txHash, broadcastAt: 1, result: { height: 105, code: 0 } });
      expect({ next: sequence.next, floor: sequence.floor }).toEqual({ next: FIRST_SEQUENCE + 1, floor: FIRST_SEQUENCE + 1 });
    });

    it('not found, its timeout height not passed: still unknown, its bytes sent again', async () => {
      const { submitter, sequence, guard, node } = await settling();
      node.height = HEIGHT + TIMEOUT_BLOCKS;
      expect(await submitter.settle(accepted, guard)).toBeUndefined();
      expect(node.broadcasts).toEqual(['eA==']);
      expect(sequence.next).toBe(FIRST_SEQUENCE + 1);
    });

    it('not found, the chain past its timeout height: not applied; the sequence released', async () => {
      const { submitter, sequence, guard, node } = await settling();
      node.height = HEIGHT + TIMEOUT_BLOCKS + 1;
      await expect(submitter.settle(accepted, guard)).rejects.toThrow(new BatchNotAppliedError(`tx ${accepted.txHash} was not included before its timeout height ${HEIGHT + TIMEOUT_BLOCKS}`, true));
      expect(sequence.next).toBe(FIRST_SEQUENCE);
    });

    it('the chain unreadable: still unknown, nothing released', async () => {
      const { submitter, sequence, guard, node } = await settling();
      node.height = HEIGHT + TIMEOUT_BLOCKS + 1;
      node.lookupFails = true;
      expect(await submitter.settle(accepted, guard)).toBeUndefined();
      expect(sequence.next).toBe(FIRST_SEQUENCE + 1);
    });
  });
});
