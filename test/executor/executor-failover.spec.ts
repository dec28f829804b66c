import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { redisKeys, type CreateOrderAction, type OrderAction } from '@mirrorbook/contracts';
import { eventually, type ManagedProcess } from '@mirrorbook/testing';
import { ExecutorHarness, MARKETS, type MarketKey } from '@mirrorbook/testing/stack';

const LEASE_TTL_MS = 1500;
/** the lease renews, and a standby retries, every third of the ttl */
const RENEW_MS = LEASE_TTL_MS / 3;
const markets = Object.keys(MARKETS) as MarketKey[];

/**
 * Redis's own record of one wallet's lease, via MONITOR, in the order Redis ran the commands:
 * renewals (the renew script on the lease key) and acquisition attempts (the acquire script, which
 * also INCRs the fence), by instance (a holder value is `<instance>:<pid>:<nonce>`). MONITOR runs
 * in a `redis-cli` child: ioredis's monitor mode can fail with "Command queue state error" when a
 * monitored line arrives before its own ready check's reply (redis/ioredis#1981).
 */
class LeaseRecord {
  readonly entries: { kind: 'renew' | 'attempt'; holder: string }[] = [];
  private constructor(private readonly monitor: ChildProcess) {}

  static async start(redisUrl: string, wallet: string): Promise<LeaseRecord> {
    const leaseKey = redisKeys.executorLease(wallet);
    const instanceOf = (holder: string) => holder.split(':')[0];
    const record = new LeaseRecord(spawn('redis-cli', ['-u', redisUrl, '--no-auth-warning', 'monitor'], { stdio: ['ignore', 'pipe', 'inherit'] }));
    const lines = createInterface({ input: record.monitor.stdout! });
    const started = new Promise<void>((resolve, reject) => {
      record.monitor.once('error', reject);
      lines.on('line', (line) => {
        if (line === 'OK') return resolve();
        const [command, script, numKeys, ...rest] = monitoredArgs(line);
        if (!command || !/^eval$/i.test(command) || rest[0] !== leaseKey) return;
        if (script.includes("'INCR'")) record.entries.push({ kind: 'attempt', holder: instanceOf(rest[2]) });
        else if (numKeys === '1' && script.includes("'PEXPIRE'")) record.entries.push({ kind: 'renew', holder: instanceOf(rest[1]) });
      });
    });
    await started;
    return record;
  }

  /**
   * The attempts (by holder) from `previous`'s last renewal up to the first renewal by another
   * holder, the last of them the one that took the lease; undefined until that is on record.
   */
  attemptsToTakeOver(previous: string): string[] | undefined {
    let last = -1;
    this.entries.forEach((e, i) => e.kind === 'renew' && e.holder === previous && (last = i));
    if (last < 0) return undefined;
    const after = this.entries.slice(last + 1);
    const renewed = after.findIndex((e) => e.kind === 'renew' && e.holder !== previous);
    return renewed < 0 ? undefined : after.slice(0, renewed).flatMap((e) => (e.kind === 'attempt' ? [e.holder] : []));
  }

  /** How many attempts `holder` made from entry `from` on. */
  attemptsSince(from: number, holder: string): number {
    return this.entries.slice(from).filter((e) => e.kind === 'attempt' && e.holder === holder).length;
  }

  stop(): void {
    this.monitor.kill();
  }
}

/** The quoted arguments of one `redis-cli monitor` line (`<time> [<db> <client>] "cmd" "arg" …`), unescaped. */
function monitoredArgs(line: string): string[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(x[0-9a-f]{2}|.)/g, (_, e: string) => (e.length === 3 ? String.fromCharCode(parseInt(e.slice(1), 16)) : ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e] ?? e)));
}

/** The fencing token an executor logged when it took the lease. */
function tokenOf(proc: ManagedProcess): number {
  const tokens = [...proc.logs().matchAll(/lease acquired for wallet \S+ \(fencing token (\d+)\)/g)].map((m) => Number(m[1]));
  expect(tokens.length).toBeGreaterThan(0);
  return tokens[tokens.length - 1];
}

describe('executor: two processes for one wallet', () => {
  let h: ExecutorHarness;
  let a: ManagedProcess;
  let b: ManagedProcess;
  let record: LeaseRecord;
  const env = { EXEC_LEASE_TTL_MS: String(LEASE_TTL_MS), EXEC_ORPHAN_POLICY: 'adopt', EXEC_RECONCILE_INTERVAL_MS: '60000' };

  beforeAll(async () => {
    h = await ExecutorHarness.start({ blockMs: 100 });
    for (const market of markets) await h.setReference(market, '10');
  }, 120_000);
  afterAll(async () => {
    record?.stop();
    await h?.stop();
  });
  // the feed keeps the reference fresh; on a loaded machine this file runs past its 120 s age limit
  const freshReferences = async () => {
    for (const market of markets) await h.setReference(market, '10');
  };
  beforeEach(freshReferences);

  const create = (price: string, side: 'buy' | 'sell' = 'buy'): CreateOrderAction => ({
    type: 'create', side, price, quantity: '1', postOnly: true, reduceOnly: false, cid: h.cid('f'),
  });

  async function outcomeOf(intentId: string) {
    return eventually(() => h.finalOutcomes().get(intentId), 20_000, `a report for ${intentId}`);
  }

  it('lets exactly one broadcast, 200 batches in a row without a sequence error', async () => {
    const [wallet] = h.wallets;
    a = h.startExecutor(wallet, env, 'exec-a');
    await h.tookOver(a);
    b = h.startExecutor(wallet, env, 'exec-b');
    await b.waitForOutput(/waiting for the lease/, 60_000);

    const resting = new Map<MarketKey, string>();
    let bookSeq = 0;
    for (let i = 0; i < 200; i++) {
      if (i % 20 === 0) await freshReferences();
      const market = markets[i % markets.length];
      const previous = resting.get(market);
      const actions: OrderAction[] = [create((9.5 - (i % 7) * 0.01).toFixed(3))];
      if (previous) actions.unshift({ type: 'cancel', orderHash: previous });
      const intent = h.intent(wallet, [{ market, bookSeq: ++bookSeq, actions, phase: 'MAINTENANCE' }], 10_000);
      await h.publishIntent(intent);
      const report = await outcomeOf(intent.id);
      expect({ i, outcome: report.outcome, error: report.error }).toEqual({ i, outcome: 'applied', error: null });
      resting.set(market, report.createdOrderHashes[0]);
    }

    expect(b.logs()).not.toMatch(/took over wallet/);
    const [metricsA, metricsB] = await Promise.all([h.metrics(a), h.metrics(b)]);
    expect(ExecutorHarness.counter(metricsA, 'mirrorbook_executor_txs_broadcast_total')).toBeGreaterThanOrEqual(200);
    expect(ExecutorHarness.counter(metricsA, 'mirrorbook_executor_sequence_mismatches_total')).toBe(0);
    expect(ExecutorHarness.counter(metricsB, 'mirrorbook_executor_txs_broadcast_total')).toBe(0);
    expect(await h.simState()).toMatchObject({ txsRejected: 0 });
    // 200 blocks of work one after the other: ≈ 60–100 s on an idle 2-core machine, 200 s seen under load
  }, 420_000);

  it('hands over to the standby once the dead holder\'s lease runs out (at most TTL / renew + 1 refused attempts) when the active one is killed mid-broadcast, losing and duplicating nothing', async () => {
    const [wallet] = h.wallets;
    record = await LeaseRecord.start(h.servers.redis.url, wallet.id);
    // applied by exec-a before it dies; published again once exec-b holds the lease (below)
    const replayed = h.intent(wallet, [{ market: 'atom-usdt', bookSeq: 9_999, actions: [create('9.300')] }], 50_000);
    await h.publishIntent(replayed);
    expect((await outcomeOf(replayed.id)).outcome).toBe('applied');
    await h.admin('faults', { stuckMempoolBlocks: 5 });
    const inFlight = h.intent(wallet, [{ market: 'inj-usdt', bookSeq: 10_000, actions: [create('9.100'), create('10.900', 'sell')] }], 10_000);
    await h.publishIntent(inFlight);
    await eventually(async () => ((await h.simState()).mempoolSize as number) > 0, 10_000, 'the tx in the mempool');
    await eventually(() => record.entries.some((e) => e.kind === 'renew' && e.holder === 'exec-a'), 10_000, 'a renewal by exec-a on record');
    const tokenA = tokenOf(a);
    await a.stop('SIGKILL');

    await b.waitForOutput(/lease acquired/, 30_000);
    await h.tookOver(b);
    // Redis's record, not a stopwatch: exec-a's key expires one TTL after its last renewal, and
    // exec-b retries one renew interval after each refusal (a busy machine only spaces its attempts
    // further), so it is refused at most TTL / renew + 1 times after that renewal and takes the
    // lease at the next attempt. A lease outliving its TTL, or a standby that stops trying, fails.
    const attempts = await eventually(() => record.attemptsToTakeOver('exec-a'), 10_000, 'the takeover on record');
    expect(new Set(attempts)).toEqual(new Set(['exec-b']));
    const refused = attempts.length - 1;
    expect(refused).toBeLessThanOrEqual(Math.floor(LEASE_TTL_MS / RENEW_MS) + 1);
    // and nobody held the lease in between: the fencing token moved by exactly one
    expect(tokenOf(b)).toBe(tokenA + 1);

    const after = h.intent(wallet, [{ market: 'atom-usdt', bookSeq: 10_001, actions: [create('9.200')] }], 10_000);
    await h.publishIntent(after);
    expect((await outcomeOf(after.id)).outcome).toBe('applied');

    // the intent exec-a applied, replayed to the new holder: refused with a report, no second tx;
    // past its deadline (a loaded machine can take the 50 s to get here) it expires instead, unsent too
    const accepted = (await h.simState()).txsAccepted;
    await h.publishIntent(replayed);
    const again = await eventually(() => {
      const outcome = h.finalOutcomes().get(replayed.id);
      return outcome && outcome.outcome !== 'applied' ? outcome : undefined;
    }, 45_000, 'the replay refused');
    if (again.outcome === 'expired') expect(Date.now()).toBeGreaterThan(replayed.deadline);
    else expect(again).toMatchObject({ outcome: 'rejected', txHash: null, error: `intent ${replayed.id} was applied already: a replay, nothing sent` });
    expect((await h.simState()).txsAccepted).toBe(accepted);

    const cids = inFlight.plans[0].actions.map((x) => (x.type === 'create' ? x.cid : ''));
    for (const market of markets) {
      const onChain = await h.chainOrders(wallet, market);
      const stored = await h.storedOrders(wallet, market);
      const chainCids = onChain.map((o) => o.cid);
      expect(new Set(chainCids).size).toBe(chainCids.length);
      expect(stored.map((o) => o.orderHash).sort()).toEqual(onChain.map((o) => o.orderHash).sort());
      if (market === 'inj-usdt') for (const cid of cids) expect(chainCids.filter((c) => c === cid)).toHaveLength(1);
    }
    const metricsB = await h.metrics(b);
    expect(ExecutorHarness.counter(metricsB, 'mirrorbook_executor_sequence_mismatches_total')).toBe(0);
  }, 240_000);

  it('stops broadcasting the moment its lease is taken, and takes over again when it frees', async () => {
    const [wallet] = h.wallets;
    await h.redis.set(`lease:executor:${wallet.id}`, 'intruder', 'PX', 60_000);
    await b.waitForOutput(/lease for wallet tw1 lost/, 5000);
    const accepted = (await h.simState()).txsAccepted;
    const waiting = h.intent(wallet, [{ market: 'inj-usdt-perp', bookSeq: 20_000, actions: [create('9.300')] }], 30_000);
    await h.publishIntent(waiting);
    // watch for as long as exec-b takes to be refused the lease three times (by its own timer,
    // however busy the machine): it is alive and back in standby, and broadcasts nothing meanwhile
    const from = record.entries.length;
    await eventually(() => record.attemptsSince(from, 'exec-b') >= 3, 30_000, 'three refused attempts by exec-b');
    expect((await h.simState()).txsAccepted).toBe(accepted);
    expect(h.finalOutcomes().get(waiting.id)).toBeUndefined();

    await h.redis.del(`lease:executor:${wallet.id}`);
    expect((await outcomeOf(waiting.id)).outcome).toBe('applied');
  }, 60_000);
});
