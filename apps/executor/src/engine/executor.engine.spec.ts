import { Logger } from '@nestjs/common';
import { BatchNotAppliedError } from '../shared/batch-not-applied.error';
import { executorMetrics } from '../shared/executor.metrics';
import { LeaseLostError } from '../shared/lease-lost.error';
import { TxOutcomeUnknownError } from '../shared/tx-outcome-unknown.error';
import { batchIntent, createAction, marketPlan } from '../testing/intent.fixture';
import { FakeEngineParts } from './engine-parts.fake';
import { ExecutorEngine } from './executor.engine';
import { FakeTxSubmitter } from './tx-submitter.fake';

const NOW = 1_750_000_000_000;
const ORPHAN = `0x${'d'.repeat(64)}`;

/** An intent of `bot` (b1 trades inj-usdt, b2 inj-usdt and atom-usdt) creating one buy per cid, planned now. */
function intent(id: string, market: string, cids: string[], options: { bot?: string; bookSeq?: number; price?: string } = {}) {
  const actions = cids.map((cid) => createAction({ cid, price: options.price ?? '9.9' }));
  return batchIntent(id, [marketPlan(market, options.bookSeq ?? 1, actions)], { ts: Date.now(), bot: options.bot ?? 'b1' });
}

/** Batches the breaker of wallet w1 counted as failed so far. */
async function breakerFailures(): Promise<number> {
  return (await executorMetrics.breakerFailures().get()).values.find((v) => v.labels.wallet === 'w1')?.value ?? 0;
}

/** Lets the engine run on the fake clock, 10 ms at a time, until `done` holds. */
async function until(done: () => boolean, what: string, limitMs = 5000): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    if (waited >= limitMs) throw new Error(`${what}: not within ${limitMs} ms of the fake clock`);
    await jest.advanceTimersByTimeAsync(10);
  }
}

let running: { engine: ExecutorEngine; tenure: Promise<void> } | undefined;

/** Starts a tenure under fencing token 7 (ended after the test), without waiting for the takeover. */
function startTenure(before: (world: FakeEngineParts) => void = () => undefined) {
  const world = new FakeEngineParts();
  before(world);
  const engine = new ExecutorEngine(world.parts);
  const tenure = engine.runTenure(world.guard, 7, () => world.cancelAllAtEnd);
  running = { engine, tenure };
  return { world, engine, tenure };
}

/** Starts a tenure and waits until the engine takes intents. */
async function takeOver(before?: (world: FakeEngineParts) => void) {
  const started = startTenure(before);
  await until(() => started.world.log.includes('inbox start'), 'takeover');
  return started;
}

describe('ExecutorEngine', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(async () => {
    running?.engine.stopTakingWork();
    await running?.tenure;
    running = undefined;
    jest.useRealTimers();
  });

  describe('a takeover', () => {
    it('reads the chain id and markets, loads the sequence under its fencing token and the bot states, and reconciles before it takes intents', async () => {
      const { world, engine } = await takeOver();
      expect(world.log).toEqual([
        'chain id',
        'market inj-usdt',
        'market atom-usdt',
        'sequence load 7',
        'bots load',
        'reconcile inj-usdt,atom-usdt',
        'balances latest',
        'state running',
        'inbox start',
      ]);
      expect(engine.status()).toEqual({
        chainId: 'injective-888', sequence: 42, pendingIntents: 0, breaker: 'closed', breakerTrips: 0, lastTxHash: null, lastTxHeight: null, unknownTxHash: null, outboxWrites: 0,
        feesDay: new Date().toISOString().slice(0, 10), feesTodayInj: '0', feesTotalInj: '0', feeTxs: 0, feesPerDayInj: null, runwayDays: null, feeBudgetInj: '5', feeBudget: 'normal', feeBudgetReason: null,
      });
      expect(engine.unavailableMarkets()).toEqual({});
    });

    it('sets a market the chain cannot read aside with its reason, and the wallet\'s other markets trade', async () => {
      const { world } = await takeOver((w) => w.failingMarkets.add('atom-usdt'));
      expect(world.logOf('market', 'reconcile', 'state')).toEqual(['market inj-usdt', 'market atom-usdt', 'reconcile inj-usdt', 'state running']);
      world.deliver(intent('i1', 'atom-usdt', ['c1'], { bot: 'b2' }));
      await until(() => world.reports.length === 1, 'report of the unreadable market');
      const reason = `market atom-usdt (${world.parts.config.markets.find((m) => m.key === 'atom-usdt')!.testnetMarketId}) could not be read from the chain`;
      expect(world.reports[0]).toMatchObject({ outcome: 'rejected', failed: [{ cid: 'c1', reason: expect.stringContaining(reason) }] });
      world.deliver(intent('i2', 'inj-usdt', ['c2']));
      await until(() => world.reports.length === 2, 'report of the readable market');
      expect(world.reports[1]).toMatchObject({ outcome: 'applied', failed: [] });
    });

    it('says in its heartbeat which market it set aside, reads it again at the next reconciliation, and then trades it', async () => {
      const { world, engine } = await takeOver((w) => w.failingMarkets.add('atom-usdt'));
      expect(engine.unavailableMarkets()).toEqual({ 'atom-usdt': expect.stringMatching(/^market atom-usdt \(0x[0-9a-f]{64}\) could not be read from the chain/) });
      world.failingMarkets.delete('atom-usdt');
      const reads = world.logOf('market').length;
      await jest.advanceTimersByTimeAsync(world.parts.settings.reconcileIntervalMs);
      await until(() => world.logOf('market').length > reads, 'the market read again');
      expect(world.logOf('market').slice(reads)).toEqual(['market atom-usdt']);
      expect(engine.unavailableMarkets()).toEqual({});
      world.deliver(intent('i1', 'atom-usdt', ['c1'], { bot: 'b2' }));
      await until(() => world.reports.length === 1, 'report of the market read again');
      expect(world.reports[0]).toMatchObject({ outcome: 'applied', failed: [] });
    });

    it('tries again 500 ms after a node that could not be read, and only then runs', async () => {
      const { world } = startTenure((w) => (w.chainIdFailures = 1));
      await jest.advanceTimersByTimeAsync(499);
      expect(world.log).toEqual(['chain id']);
      await jest.advanceTimersByTimeAsync(1);
      await until(() => world.log.includes('inbox start'), 'second takeover attempt');
      expect(world.logOf('chain id', 'state')).toEqual(['chain id', 'chain id', 'state running']);
    });

    it('forgets the books applied in an earlier tenure, so a seq remembered from then supersedes nothing', async () => {
      const { world, engine, tenure } = await takeOver();
      world.deliver(intent('i1', 'inj-usdt', ['c1'], { bookSeq: 5 }));
      await until(() => world.reports.length === 1, 'report of the first tenure');
      engine.stopTakingWork();
      await tenure;
      running = { engine, tenure: engine.runTenure(world.guard, 8, () => false) };
      await until(() => world.logOf('inbox start').length === 2, 'second takeover');
      world.deliver(intent('i2', 'inj-usdt', ['c2'], { bookSeq: 3 }));
      await until(() => world.reports.length === 2, 'report of the second tenure');
      expect(world.reports[1]).toMatchObject({ outcome: 'applied', intentIds: ['i2'] });
    });

    it('cancels the orphans reconciliation found, in one tx, before it takes intents', async () => {
      const { world } = await takeOver((w) => {
        w.orphans.set('atom-usdt', [ORPHAN]);
        w.stored.set('atom-usdt', [{ orderHash: ORPHAN, cid: null, side: 'sell', price: '11', quantity: '1', createdAt: NOW - 5000, height: 90 }]);
      });
      expect(world.logOf('submit', 'report', 'event', 'state', 'inbox')).toEqual([
        `submit cancels ${ORPHAN}`,
        `report applied reconcile-${NOW}`,
        `event cancelled ${ORPHAN}`,
        'state running',
        'inbox start',
      ]);
      expect(world.stored.get('atom-usdt')).toEqual([]);
    });

    it('reconciles again and refreshes the sequence on its own schedule while idle', async () => {
      const { world } = await takeOver();
      await jest.advanceTimersByTimeAsync(60_000);
      expect(world.logOf('reconcile', 'sequence refresh')).toEqual(['reconcile inj-usdt,atom-usdt', 'sequence refresh', 'reconcile inj-usdt,atom-usdt', 'sequence refresh']);
    });
  });

  describe('a batch applied', () => {
    it('merges the intents that arrive within the batch window into one tx, stores its orders, reports it and acks the intents', async () => {
      const { world, engine } = await takeOver();
      world.deliver(intent('i1', 'inj-usdt', ['c1']));
      await jest.advanceTimersByTimeAsync(20);
      world.deliver(intent('i2', 'atom-usdt', ['c2'], { bot: 'b2' }));
      await until(() => world.reports.length === 1, 'report');
      expect(world.logOf('submit', 'report', 'event', 'settle')).toEqual(['submit creates c1,c2', 'report applied i1,i2', 'event created c1', 'event created c2', 'settle i1 ack', 'settle i2 ack']);
      expect(world.reports[0]).toMatchObject({ outcome: 'applied', txHash: 'TX1', height: 101, createdOrderHashes: [FakeTxSubmitter.orderHashOf('c1'), FakeTxSubmitter.orderHashOf('c2')], failed: [], error: null });
      expect(world.stored.get('inj-usdt')!.map((o) => o.cid)).toEqual(['c1']);
      expect(world.stored.get('atom-usdt')!.map((o) => o.cid)).toEqual(['c2']);
      expect(engine.status()).toMatchObject({ pendingIntents: 0, lastTxHash: 'TX1', lastTxHeight: 101 });
    });

    it('refuses an intent a tx already applied when it comes again (a replay), with a report and no tx', async () => {
      const { world } = await takeOver();
      world.deliver(intent('i1', 'inj-usdt', ['c1']));
      await until(() => world.reports.length === 1, 'first report');
      expect(world.reports[0]).toMatchObject({ outcome: 'applied' });
      expect([...world.appliedIntents]).toEqual(['i1']);
      world.deliver(intent('i1', 'inj-usdt', ['c1']));
      await until(() => world.reports.length === 2, 'second report');
      expect(world.reports[1]).toMatchObject({ outcome: 'rejected', txHash: null, error: 'intent i1 was applied already: a replay, nothing sent' });
      expect(world.logOf('submit')).toHaveLength(1);
    });

    it('refuses a plan claiming a book newer than the feed stored (bookSeq 2^53 − 1), and the genuine plans after it apply', async () => {
      const { world } = await takeOver((w) => w.bookSeqs.set('inj-usdt', 10));
      world.deliver(intent('hostile', 'inj-usdt', ['h1'], { bookSeq: Number.MAX_SAFE_INTEGER }));
      world.deliver(intent('i1', 'inj-usdt', ['c1'], { bookSeq: 10 }));
      await until(() => world.reports.length === 2, 'reports');
      expect(world.logOf('submit', 'report', 'settle')).toEqual(['report rejected hostile', 'settle hostile ack', 'submit creates c1', 'report applied i1', 'settle i1 ack']);
      expect(world.reports[0]!.error).toContain(`bookSeq ${Number.MAX_SAFE_INTEGER} is ahead of the newest book 10`);
    });

    it('without a stored book, refuses a bookSeq beyond the clock and its tolerance', async () => {
      const { world } = await takeOver();
      world.deliver(intent('hostile', 'inj-usdt', ['h1'], { bookSeq: Date.now() + 86_400_000 }));
      await until(() => world.reports.length === 1, 'report');
      expect(world.reports[0]).toMatchObject({ outcome: 'rejected', intentIds: ['hostile'] });
      expect(world.submitter.sent).toEqual([]);
    });

    it('reports an intent planned from an older book superseded and sends only the newer one', async () => {
      const { world } = await takeOver();
      world.deliver(intent('i1', 'inj-usdt', ['c1'], { bookSeq: 1 }));
      world.deliver(intent('i2', 'inj-usdt', ['c2'], { bookSeq: 2 }));
      await until(() => world.reports.length === 2, 'reports');
      expect(world.logOf('submit', 'report', 'settle')).toEqual(['report superseded i1', 'settle i1 ack', 'submit creates c2', 'report applied i2', 'settle i2 ack']);
    });
  });

  describe('a batch refused', () => {
    it('by the pre-trade checks: reports the create rejected, sends nothing and acks the intent', async () => {
      const { world } = await takeOver();
      world.deliver(intent('i1', 'inj-usdt', ['c1'], { price: '9.9005' }));
      await until(() => world.reports.length === 1, 'report');
      const reason = 'price 9.9005 is not a multiple of the price tick 0.001';
      expect(world.logOf('submit', 'report', 'event', 'settle')).toEqual(['event rejected c1', 'report rejected i1', 'settle i1 ack']);
      expect(world.reports[0]).toMatchObject({ failed: [{ cid: 'c1', reason }], error: `pre-trade checks refused 1 action(s): ${reason}` });
    });

    it('by a check on the wallet’s holdings: reads the chain again before the next batch, as fills not yet seen count until then; a refusal of the order itself reads nothing', async () => {
      const { world } = await takeOver();
      world.deliver(intent('i1', 'inj-usdt', ['c1'], { price: '9.9005' }));
      await until(() => world.reports.length === 1, 'tick refusal');
      // eleven asks of 10 INJ, and the wallet holds 100
      const asks = Array.from({ length: 11 }, (_, i) => createAction({ cid: `a${i}`, side: 'sell', price: '10.1', quantity: '10' }));
      world.deliver(batchIntent('i2', [marketPlan('inj-usdt', 2, asks)], { ts: Date.now(), bot: 'b1' }));
      await until(() => world.reports.length === 3, 'the asks');
      expect(world.reports[1]!.failed.map((f) => f.cid)).toEqual(['a10']);
      world.deliver(intent('i3', 'inj-usdt', ['c3'], { bookSeq: 3 }));
      await until(() => world.reports.length === 4, 'next intent');
      const reconcile = world.logOf('reconcile')[0]!;
      expect(world.logOf('reconcile', 'report')).toEqual([reconcile, 'report rejected i1', 'report rejected i2', 'report applied i2', reconcile, 'report applied i3']);
    });

    it('by a spent daily fee budget: every create is refused with the reason, a cancel still goes, and the report and /health say so', async () => {
      const { world, engine } = await takeOver();
      world.deliver(intent('i1', 'inj-usdt', ['c1']));
      await until(() => world.reports.length === 1, 'first report');
      expect(world.reports[0]).toMatchObject({ outcome: 'applied', fees: { txInj: '0', todayInj: '0', budget: 'normal', budgetReason: null } });
      world.feeMeter.record([{ denom: 'inj', amount: 5n * 10n ** 18n }], Date.now());
      world.deliver(intent('i2', 'inj-usdt', ['c2']));
      await until(() => world.reports.length === 2, 'second report');
      const reason = `daily fee budget reached: fees on ${new Date().toISOString().slice(0, 10)} (UTC) 5 of 5 INJ; no new orders until 00:00 UTC`;
      expect(world.reports[1]).toMatchObject({ outcome: 'rejected', failed: [{ cid: 'c2', reason }] });
      expect(engine.feeBudgetPaused()).toEqual({ w1: reason });
      expect(engine.status()).toMatchObject({ feeBudget: 'paused', feeBudgetReason: reason, feesTodayInj: '5' });
      const c1 = world.stored.get('inj-usdt')![0]!.orderHash;
      world.deliver(batchIntent('i3', [marketPlan('inj-usdt', 3, [{ type: 'cancel', orderHash: c1 }])], { ts: Date.now() }));
      await until(() => world.reports.length === 3, 'third report');
      expect(world.reports[2]).toMatchObject({ outcome: 'applied', cancelledOrderHashes: [c1], fees: { budget: 'paused', budgetReason: reason } });
      expect(world.logOf('submit')).toEqual(['submit creates c1', `submit cancels ${c1}`]);
      // the tracker wrote fees:w1 with the state the strategy reads
      await until(() => world.storedFees?.budget.state === 'paused', 'fees:w1 paused');
    });

    it('by the pre-trade checks when the reference is stamped a day ahead: such a tick has no valid age, so there is no reference', async () => {
      const { world } = await takeOver((w) => (w.referenceAheadMs = 86_400_000));
      world.deliver(intent('i1', 'inj-usdt', ['c1']));
      await until(() => world.reports.length === 1, 'report');
      expect(world.reports[0]).toMatchObject({ outcome: 'rejected', failed: [{ cid: 'c1', reason: 'no reference price for inj-usdt' }] });
      expect(world.submitter.sent).toEqual([]);
    });

    it('on a node of another chain than NETWORK expects: refuses every create with the chain ids named, sends nothing', async () => {
      const { world } = await takeOver((w) => (w.reportedChainId = 'injective-777'));
      world.deliver(intent('i1', 'inj-usdt', ['c1']));
      await until(() => world.reports.length === 1, 'report');
      expect(world.logOf('submit')).toEqual([]);
      expect(world.reports[0]).toMatchObject({ failed: [{ cid: 'c1', reason: 'the node reports chain id injective-777, NETWORK=testnet expects injective-888' }] });
    });

    it('by the chain: refreshes the sequence, reports the tx failed with the reason and acks its intents', async () => {
      const { world } = await takeOver();
      world.submitter.answers.push(new BatchNotAppliedError('broadcast refused: insufficient fees', false));
      world.deliver(intent('i1', 'inj-usdt', ['c1']));
      await until(() => world.reports.length === 1, 'report');
      expect(world.logOf('submit', 'sequence refresh', 'report', 'settle')).toEqual(['submit creates c1', 'sequence refresh', 'report failed i1', 'settle i1 ack']);
      expect(world.reports[0]).toMatchObject({ outcome: 'failed', txHash: null, error: 'broadcast refused: insufficient fees' });
      expect(world.stored.get('inj-usdt')).toBeUndefined();
    });

    it('in its block: reports the tx hash, height and code', async () => {
      const { world } = await takeOver();
      world.submitter.answers.push({ code: 5 });
      world.deliver(intent('i1', 'inj-usdt', ['c1']));
      await until(() => world.reports.length === 1, 'report');
      expect(world.reports[0]).toMatchObject({ outcome: 'failed', txHash: 'TX1', height: 101, code: 5, codespace: 'exchange', error: 'tx TX1 failed in block 101: exchange code 5: order would cross' });
      expect(world.logOf('settle')).toEqual(['settle i1 ack']);
    });

    it('for now: says it will retry and sends the same intent again after a pause', async () => {
      const { world } = await takeOver();
      world.submitter.answers.push(new BatchNotAppliedError('tx TX1 was not included before its timeout height 121', true));
      world.deliver(intent('i1', 'inj-usdt', ['c1']));
      await until(() => world.reports.length === 2, 'reports');
      expect(world.logOf('submit', 'report', 'settle')).toEqual(['submit creates c1', 'report failed i1', 'submit creates c1', 'report applied i1', 'settle i1 ack']);
      expect(world.reports[0].error).toBe('tx TX1 was not included before its timeout height 121; will retry');
    });

    it('three times in a row: pauses the wallet, then resumes by itself with a probe after the cool-down', async () => {
      const { world, engine } = await takeOver();
      for (const id of ['i1', 'i2', 'i3']) {
        world.submitter.answers.push(new BatchNotAppliedError('broadcast refused: insufficient fees', false));
        world.deliver(intent(id, 'inj-usdt', [`c-${id}`]));
        await until(() => world.log.includes(`settle ${id} ack`), id);
      }
      expect(world.logOf('state')).toEqual(['state running', 'state paused']);
      world.deliver(intent('i4', 'inj-usdt', ['c4']));
      await jest.advanceTimersByTimeAsync(900);
      expect(world.submitter.sent).toHaveLength(3);
      await until(() => world.reports.length === 4, 'probe report');
      expect(world.logOf('state', 'report applied')).toEqual(['state running', 'state paused', 'report applied i4', 'state running']);
      expect(engine.status()).toMatchObject({ breaker: 'closed', breakerTrips: 0 });
    });
  });

  describe('a tx the node accepted', () => {
    it('is reported applied with its hash when the Redis writes after it fail, which are retried from the outbox before the next tx', async () => {
      const { world, engine } = await takeOver();
      const failuresBefore = await breakerFailures();
      world.failingWrites = 3;
      world.deliver(intent('i1', 'inj-usdt', ['c1']));
      await until(() => world.reports.length === 1, 'report');
      expect(world.reports[0]).toMatchObject({ outcome: 'applied', txHash: 'TX1', height: 101, createdOrderHashes: [FakeTxSubmitter.orderHashOf('c1')], error: null });
      expect(engine.status()).toMatchObject({ outboxWrites: 2 });
      world.deliver(intent('i2', 'inj-usdt', ['c2'], { bookSeq: 2 }));
      await until(() => world.reports.length === 2, 'second report');
      // orders, then applied markers, fail; the orders write is tried again (and fails once more) before the markers and before the next tx
      expect(world.logOf('submit', 'write', 'report', 'settle')).toEqual([
        'submit creates c1',
        'write orders failed',
        'report applied i1',
        'settle i1 ack',
        'write orders failed',
        'write orders failed',
        'submit creates c2',
        'report applied i2',
        'settle i2 ack',
      ]);
      expect(world.stored.get('inj-usdt')!.map((o) => o.cid)).toEqual(['c1', 'c2']);
      expect([...world.appliedIntents]).toEqual(['i1', 'i2']);
      expect(await breakerFailures()).toBe(failuresBefore);
    });

    it('whose outcome is unknown: reports it with its hash, sends nothing until the tx is settled, reports it applied, reconciles, then sends the next', async () => {
      const { world, engine } = await takeOver();
      const failuresBefore = await breakerFailures();
      world.submitter.answers.push(new TxOutcomeUnknownError(FakeTxSubmitter.accepted(1), 'no block after 120 for 60000 ms'));
      world.submitter.settles.push('pending', 'pending', { code: 0 });
      world.deliver(intent('i1', 'inj-usdt', ['c1']));
      await until(() => world.reports.length === 1, 'unknown report');
      expect(world.reports[0]).toMatchObject({ outcome: 'unknown', txHash: 'TX1', height: null, error: 'tx TX1 accepted, outcome unknown: no block after 120 for 60000 ms' });
      expect(engine.status()).toMatchObject({ unknownTxHash: 'TX1' });
      world.deliver(intent('i2', 'inj-usdt', ['c2'], { bookSeq: 2 }));
      await until(() => world.reports.length === 3, 'settled and next reports');
      expect(world.logOf('submit', 'look up', 'reconcile', 'report', 'settle')).toEqual([
        'reconcile inj-usdt,atom-usdt',
        'submit creates c1',
        'report unknown i1',
        'settle i1 ack',
        'look up TX1',
        'look up TX1',
        'look up TX1',
        'report applied i1',
        'reconcile inj-usdt,atom-usdt',
        'submit creates c2',
        'report applied i2',
        'settle i2 ack',
      ]);
      expect(world.reports[1]).toMatchObject({ outcome: 'applied', intentIds: ['i1'], txHash: 'TX1', height: 101, createdOrderHashes: [FakeTxSubmitter.orderHashOf('c1')] });
      expect(world.stored.get('inj-usdt')!.map((o) => o.cid)).toEqual(['c1', 'c2']);
      expect([...world.appliedIntents]).toEqual(['i1', 'i2']);
      expect(await breakerFailures()).toBe(failuresBefore);
    });

    it('whose outcome was unknown and that passed its timeout height: reports it failed (final), then the next intents go', async () => {
      const { world } = await takeOver();
      world.submitter.answers.push(new TxOutcomeUnknownError(FakeTxSubmitter.accepted(1), 'no block after 120 for 60000 ms'));
      world.submitter.settles.push(new BatchNotAppliedError('tx TX1 was not included before its timeout height 121', true, 'TX1', Date.now()));
      world.deliver(intent('i1', 'inj-usdt', ['c1']));
      await until(() => world.reports.length === 2, 'settled report');
      expect(world.reports.map((r) => [r.outcome, r.txHash, r.error])).toEqual([
        ['unknown', 'TX1', 'tx TX1 accepted, outcome unknown: no block after 120 for 60000 ms'],
        ['failed', 'TX1', 'tx TX1 was not included before its timeout height 121'],
      ]);
      world.deliver(intent('i2', 'inj-usdt', ['c2'], { bookSeq: 2 }));
      await until(() => world.reports.length === 3, 'next report');
      expect(world.logOf('submit')).toEqual(['submit creates c1', 'submit creates c2']);
      expect(world.stored.get('inj-usdt')!.map((o) => o.cid)).toEqual(['c2']);
    });

    it('whose outcome became unknown because the lease was lost: reports it unknown with its hash and ends the tenure', async () => {
      const { world, tenure } = await takeOver();
      world.submitter.answers.push(new TxOutcomeUnknownError(FakeTxSubmitter.accepted(1), 'lease lost', { cause: new LeaseLostError('the lease key names someone else') }));
      world.deliver(intent('i1', 'inj-usdt', ['c1']));
      await until(() => world.log.includes('inbox stop'), 'tenure end');
      await tenure;
      expect(world.reports.map((r) => [r.outcome, r.txHash])).toEqual([['unknown', 'TX1']]);
    });
  });

  describe('a stop', () => {
    it('lets the tx in flight finish, cancels every market of the wallet when asked, then gives the intents back and forgets the sequence', async () => {
      const { world, engine, tenure } = await takeOver();
      world.cancelAllAtEnd = true;
      const release = world.submitter.holdNextTx();
      world.deliver(intent('i1', 'inj-usdt', ['c1']));
      await until(() => world.submitter.sent.length === 1, 'tx in flight');
      const stoppedAt = Date.now();
      engine.stopTakingWork();
      release();
      await tenure;
      expect(world.logOf('submit', 'report', 'settle', 'inbox stop', 'sequence reset')).toEqual([
        'submit creates c1',
        'report applied i1',
        'settle i1 ack',
        'submit cancelAll inj-usdt,atom-usdt',
        `report applied shutdown-${stoppedAt}`,
        'inbox stop',
        'sequence reset',
      ]);
    });

    it('when the lease is lost: ends at once, sends and cancels nothing, and leaves its intents to the next holder', async () => {
      const { world, tenure } = await takeOver();
      world.cancelAllAtEnd = true;
      world.deliver(intent('i1', 'inj-usdt', ['c1']));
      await jest.advanceTimersByTimeAsync(10);
      world.loseLease();
      await tenure;
      expect(world.submitter.sent).toEqual([]);
      expect(world.logOf('settle')).toEqual([]);
      expect(world.log.slice(-2)).toEqual(['inbox stop', 'sequence reset']);
    });

    it('when the lease is lost while idle: does not cancel-all, even when asked to', async () => {
      const { world, tenure } = await takeOver();
      world.cancelAllAtEnd = true;
      world.loseLease();
      await tenure;
      expect(world.submitter.sent).toEqual([]);
      expect(world.log.slice(-2)).toEqual(['inbox stop', 'sequence reset']);
    });

    it('of a bot: cancels all orders on its markets that no running bot shares, and refuses its intents', async () => {
      const { world } = await takeOver();
      const stoppedAt = Date.now();
      world.stopBot('b2');
      await until(() => world.reports.length === 1, 'cancel report');
      world.deliver(intent('i1', 'atom-usdt', ['c1'], { bot: 'b2' }));
      await until(() => world.reports.length === 2, 'rejected report');
      expect(world.logOf('submit', 'report', 'settle')).toEqual(['submit cancelAll atom-usdt', `report applied stop-b2-${stoppedAt}`, 'report rejected i1', 'settle i1 ack']);
      expect(world.reports[1].error).toBe('bot b2 is not running');
    });

    it('of a bot while no executor listened: at takeover its markets that still hold orders are cancelled before any intent trades', async () => {
      const resting = { orderHash: ORPHAN, cid: 'old', side: 'sell' as const, price: '11', quantity: '1', createdAt: NOW - 5000, height: 90 };
      const { world } = startTenure((w) => {
        w.stopBotSilently('b1');
        w.stopBotSilently('b2');
        w.stored.set('atom-usdt', [resting]);
      });
      await until(() => world.reports.length === 1, 'cancel report');
      world.deliver(intent('i1', 'atom-usdt', ['c1'], { bot: 'b2' }));
      await until(() => world.reports.length === 2, 'rejected report');
      // b1 has no orders left on inj-usdt (shared with b2, stopped too): only atom-usdt needs a cancel-all
      expect(world.logOf('bots', 'reconcile', 'submit', 'report', 'state', 'inbox')).toEqual([
        'bots load',
        'reconcile inj-usdt,atom-usdt',
        'state running',
        'inbox start',
        'submit cancelAll atom-usdt',
        expect.stringMatching(/^report applied stop-b2-/),
        'report rejected i1',
      ]);
    });

    it('of a bot whose bot.state message is lost: the next resync (EXEC_BOT_STATE_RESYNC_MS) cancels its markets, not earlier', async () => {
      const { world } = await takeOver();
      const stoppedAt = Date.now();
      world.stopBotSilently('b2');
      await jest.advanceTimersByTimeAsync(2900);
      expect(world.logOf('bots resync', 'submit')).toEqual([]);
      await until(() => world.reports.length === 1, 'cancel report', 200);
      expect(world.logOf('bots resync', 'submit', 'report')).toEqual(['bots resync', 'submit cancelAll atom-usdt', expect.stringMatching(/^report applied stop-b2-/)]);
      expect(Date.now() - stoppedAt).toBeLessThanOrEqual(3000 + 100);
    });
  });
});
