import type { CreateOrderAction } from '@mirrorbook/contracts';
import { eventually, type ManagedProcess } from '@mirrorbook/testing';
import { ExecutorHarness, type TestWallet } from '@mirrorbook/testing/stack';

/**
 * A public LCD behind a load balancer may answer from a node a block behind: a code 32 naming a
 * sequence below the last included one + 1. The executor must not move its sequence down for it,
 * but send the same bytes again a block later. Blocks come on demand here, so every step is a
 * block the test made, whatever the machine's load.
 */
describe('executor: a lagging node answers a broadcast', () => {
  let h: ExecutorHarness;
  let wallet: TestWallet;
  let executor: ManagedProcess;

  beforeAll(async () => {
    h = await ExecutorHarness.start({ blockMs: 0 });
    [wallet] = h.wallets;
    await h.setReference('inj-usdt', '10');
    executor = h.startExecutor(wallet);
    await h.tookOver(executor);
  }, 120_000);
  afterAll(async () => h?.stop());

  const create = (price: string): CreateOrderAction => ({ type: 'create', side: 'buy', price, quantity: '1', postOnly: true, reduceOnly: false, cid: h.cid('lag') });
  const mempool = async () => Number((await h.simState()).mempoolSize);
  const produceBlock = () => h.admin('blocks', { count: 1 });

  /** Makes a block whenever a tx waits in the mempool, until the intent has its final report. */
  async function mineUntilReported(intentId: string) {
    return eventually(async () => {
      if ((await mempool()) > 0) await produceBlock();
      return h.finalOutcomes().get(intentId);
    }, 60_000, `a report for ${intentId}`);
  }

  it('keeps its sequence and sends the same bytes again a block later', async () => {
    let bookSeq = 0;
    const first = h.intent(wallet, [{ market: 'inj-usdt', bookSeq: ++bookSeq, actions: [create('9.500')] }], 60_000);
    await h.publishIntent(first);
    expect((await mineUntilReported(first.id)).outcome).toBe('applied');

    await h.admin('faults', { laggingNodeRate: 1 });
    const second = h.intent(wallet, [{ market: 'inj-usdt', bookSeq: ++bookSeq, actions: [create('9.400')] }], 60_000);
    await h.publishIntent(second);
    // the log names the tx by its first 16 hex digits (a whole 64-digit hex is redacted as key-like)
    const lagged = await eventually(() => /it lags; tx ([0-9A-F]{16})… goes again, unchanged/.exec(executor.logs())?.[1], 30_000, 'the executor seeing a lagging node');
    expect(await mempool()).toBe(0);
    await h.admin('faults', { laggingNodeRate: 0 });
    await produceBlock();

    const report = await mineUntilReported(second.id);
    expect(report).toMatchObject({ outcome: 'applied', code: 0 });
    expect(report.txHash?.slice(0, 16)).toBe(lagged);
    const metrics = await h.metrics(executor);
    expect(ExecutorHarness.counter(metrics, 'mirrorbook_executor_lagging_node_replies_total')).toBeGreaterThanOrEqual(1);
    expect(ExecutorHarness.counter(metrics, 'mirrorbook_executor_sequence_mismatches_total')).toBe(0);
    expect(executor.logs()).not.toMatch(/sequence set to the chain's expected/);
  }, 120_000);
});
