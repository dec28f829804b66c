import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import { connect, StringCodec, type NatsConnection } from 'nats';
import {
  redisKeys,
  subjects,
  type BookLevel,
  type BookSnapshot,
  type BotState,
  type FeedStatus,
  type PriceTick,
  type StoredBalances,
  type StoredPositions,
} from '@mirrorbook/contracts';
import { Dec, catalogMarkets, type Market } from '@mirrorbook/market';
import {
  repoConfigPairs,
  startAppProcess,
  startTestServers,
  writeConfigDir,
  type ConfigDir,
  type ConfigPair,
  type ManagedProcess,
  type TestServers,
} from '@mirrorbook/testing';

/**
 * Strategy worker bench: one `apps/strategy` worker as a child process against real NATS
 * (JetStream) and Redis, fed real BookSnapshot payloads on `md.book.sim.<mk>`, one bot per market
 * on the repository's five market pairs; intents counted on `intent.>`.
 * - paced: one snapshot at a time, the next once its intent arrived: publish → intent latency;
 * - burst: N snapshots round-robin over the markets as fast as NATS takes them; evaluations/s
 *   until the worker counted them all, at STRATEGY_CONCURRENCY 1, 4 and 8. Empty books plan a full
 *   54-order BOOK_BUILDING staircase (the heaviest intent); a 60-level book near the reference
 *   plans MAINTENANCE (about 13 orders);
 * - the Redis read per snapshot with and without the bots' `bot:<id>` keys (read per snapshot
 *   instead of cached: what does it cost?).
 * Books may queue for seconds in a burst: STRATEGY_BOOK_MAX_AGE_MS is raised so none is skipped
 * as stale. With two workers in the queue group, NATS splits the burst between them.
 * Run: node -r @swc-node/register bench/strategy-worker.bench.ts [snapshots]
 * (`bench/run-all.ts` calls `runStrategyBench`.)
 */
const SNAPSHOTS = require.main === module ? Number(process.argv[2] ?? 2000) : 2000;
const PACED = Math.min(300, SNAPSHOTS);
const READS = 2000;
const sc = StringCodec();

type Row = Record<string, string | number>;
const PAIRS: ConfigPair[] = repoConfigPairs();
const BOTS = PAIRS.map((p, i) => ({ id: `bench-${i + 1}`, wallet: `w${i + 1}`, market: p.key }));
const marketOf = (p: ConfigPair): Market => catalogMarkets().testnet.find((m) => m.id === p.testnetMarketId)!;

function configDir(): ConfigDir {
  return writeConfigDir({
    markets: PAIRS,
    bots: {
      wallets: BOTS.map((b) => ({ id: b.wallet })),
      bots: BOTS.map((b) => ({ id: b.id, wallet: b.wallet, markets: [b.market], enabled: true })),
    },
    strategy: {},
  });
}

/** A reference price per market that its tick size can express. */
const REFERENCE: Record<string, string> = { 'btc-usdt-perp': '60000', 'stinj-inj': '1.5' };
const referenceOf = (key: string) => REFERENCE[key] ?? '25';

async function seed(redis: Redis, nc: NatsConnection): Promise<void> {
  const now = Date.now();
  for (const [i, pair] of PAIRS.entries()) {
    const bot = BOTS[i];
    const mid = referenceOf(pair.key);
    const tick: PriceTick = { v: 1, net: 'sim', role: 'reference', market: pair.key, bid: mid, ask: mid, mid, last: null, source: 'mid', height: 1, ts: now, seq: now };
    const status: FeedStatus = {
      v: 1, market: pair.key, state: 'fresh', reference: { state: 'fresh', ageMs: 10 }, book: { state: 'fresh', ageMs: 10 },
      throttled: false, pollIntervalMs: 700, ts: now, seq: now,
    };
    const state: BotState = { v: 1, bot: bot.id, desired: 'running', params: {}, by: 'bench', updatedAt: now };
    await redis.set(redisKeys.latestPrice('reference', pair.key), JSON.stringify(tick));
    await redis.set(redisKeys.latestStatus(pair.key), JSON.stringify(status));
    await redis.set(redisKeys.bot(bot.id), JSON.stringify(state));
    nc.publish(subjects.mdPrice('sim', pair.key).subject, sc.encode(JSON.stringify(tick)));
    const market = marketOf(pair);
    if (market.type === 'spot') {
      const entry = (symbol: string) => ({ symbol, available: '10000000', total: '10000000' });
      const balances: StoredBalances = { height: 1, ts: now, balances: { [market.baseDenom!]: entry(market.baseSymbol), [market.quoteDenom]: entry(market.quoteSymbol) } };
      await redis.set(redisKeys.balances(bot.wallet), JSON.stringify(balances));
    } else {
      const positions: StoredPositions = { height: 1, ts: now, positions: {} };
      await redis.set(redisKeys.positions(bot.wallet), JSON.stringify(positions));
    }
  }
  await nc.flush();
}

/** Empty (BOOK_BUILDING) or 30 levels a side 0.05 % apart around the reference (MAINTENANCE). */
function book(pair: ConfigPair, seq: number, full: boolean): BookSnapshot {
  const mid = new Dec(referenceOf(pair.key));
  const tick = marketOf(pair).priceTick;
  const level = (k: number): BookLevel => ({ price: mid.mul(1 + k * 0.0005).toNearest(tick).toFixed(), quantity: '1' });
  const levels = full ? 30 : 0;
  return {
    v: 1, net: 'sim', role: 'trading', market: pair.key,
    bids: Array.from({ length: levels }, (_, i) => level(-(i + 1))), asks: Array.from({ length: levels }, (_, i) => level(i + 1)),
    orderCount: 2 * levels, height: seq, ts: Date.now(), seq,
  };
}

async function metrics(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = line.match(/^([a-z_]+(?:\{[^}]*\})?) (\S+)$/);
    if (m) values.set(m[1], Number(m[2]));
  }
  return values;
}

const sumOf = (values: Map<string, number>, prefix: string) =>
  [...values].filter(([k]) => k === prefix || k.startsWith(`${prefix}{`)).reduce((a, [, v]) => a + v, 0);

class Worker {
  private constructor(
    readonly proc: ManagedProcess,
    readonly url: string,
  ) {}

  static async start(servers: TestServers, config: string, concurrency: number, instance = `bench-c${concurrency}`): Promise<Worker> {
    const proc = startAppProcess('strategy', {
      ...servers.env, CONFIG_DIR: config, HTTP_PORT: '0', LOG_LEVEL: 'info', INSTANCE_ID: instance,
      STRATEGY_CONCURRENCY: String(concurrency), STRATEGY_BOOK_MAX_AGE_MS: '600000', STRATEGY_REFERENCE_MAX_AGE_MS: '600000',
      // no executor reports on the intents here: every book is planned, none waits for a report
      STRATEGY_AWAIT_REPORT_MS: '0',
    });
    try {
      const [, port] = await proc.waitForOutput(/listening on http:\/\/127\.0\.0\.1:(\d+)/, 30_000);
      await proc.waitForOutput(/in queue group strategy/, 30_000);
      return new Worker(proc, `http://127.0.0.1:${port}`);
    } catch (error) {
      await proc.stop('SIGKILL');
      throw error;
    }
  }
}

/** Counts intents per book seq as they arrive. */
function intentCounter(nc: NatsConnection): { count: () => number; arrival: Map<number, number> } {
  let count = 0;
  const arrival = new Map<number, number>();
  const sub = nc.subscribe('intent.>');
  void (async () => {
    for await (const msg of sub) {
      count++;
      arrival.set(JSON.parse(sc.decode(msg.data)).plans[0].basedOn.bookSeq, performance.now());
    }
  })();
  return { count: () => count, arrival };
}

async function paced(worker: Worker, nc: NatsConnection, seqBase: number): Promise<Row> {
  const intents = intentCounter(nc);
  const before = await metrics(worker.url);
  const pair = PAIRS[0];
  const latencies: number[] = [];
  const t0 = performance.now();
  for (let i = 1; i <= PACED; i++) {
    const seq = seqBase + i;
    const sent = performance.now();
    nc.publish(subjects.mdBook('sim', pair.key).subject, sc.encode(JSON.stringify(book(pair, seq, false))));
    while (!intents.arrival.has(seq)) await new Promise((r) => setImmediate(r));
    latencies.push(intents.arrival.get(seq)! - sent);
  }
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    scenario: `paced, 1 market, BOOK_BUILDING`, workers: 1, concurrency: 4, snapshots: PACED, intents: intents.count(),
    'evaluations/s': Math.round(PACED / elapsed), 'p50 ms': +at(0.5).toFixed(2), 'p99 ms': +at(0.99).toFixed(2), ...(await stages(worker, before)),
  };
}

async function burst(workers: Worker[], nc: NatsConnection, seqBase: number, concurrency: number, full: boolean, snapshots = SNAPSHOTS): Promise<Row> {
  const intents = intentCounter(nc);
  const scrapeAll = () => Promise.all(workers.map((w) => metrics(w.url)));
  const evaluated = (all: Map<string, number>[]) => all.reduce((n, m) => n + sumOf(m, 'mirrorbook_strategy_evaluations_total'), 0);
  const befores = await scrapeAll();
  const evaluationsBefore = evaluated(befores);
  const t0 = performance.now();
  for (let i = 0; i < snapshots; i++) {
    const pair = PAIRS[i % PAIRS.length];
    nc.publish(subjects.mdBook('sim', pair.key).subject, sc.encode(JSON.stringify(book(pair, seqBase + i, full))));
  }
  await nc.flush();
  const published = (performance.now() - t0) / 1000;
  let afters = befores;
  while (evaluated(afters) - evaluationsBefore < snapshots) {
    if (performance.now() - t0 > 300_000) throw new Error(`burst not evaluated within 300 s: ${JSON.stringify(afters.map((a) => [...a].filter(([k]) => k.includes('strategy_'))))}`);
    await new Promise((r) => setTimeout(r, 20));
    afters = await scrapeAll();
  }
  const elapsed = (performance.now() - t0) / 1000;
  const skips = new Map<string, number>();
  afters.forEach((after, w) => {
    for (const [k, v] of after) {
      if (!k.startsWith('mirrorbook_strategy_skips_total{')) continue;
      const reason = k.match(/reason="([^"]+)"/)![1];
      skips.set(reason, (skips.get(reason) ?? 0) + v - (befores[w].get(k) ?? 0));
    }
  });
  const rssMb = afters.map((m) => Math.round((m.get('process_resident_memory_bytes') ?? 0) / 2 ** 20));
  return {
    scenario: `burst, ${PAIRS.length} markets, ${full ? 'MAINTENANCE (60-level book)' : 'BOOK_BUILDING (empty book)'}`, workers: workers.length, concurrency, snapshots,
    intents: intents.count(), skips: [...skips].filter(([, v]) => v > 0).map(([r, v]) => `${r} ${v}`).join(', ') || '0',
    'publish s': +published.toFixed(2), 'evaluations/s': Math.round(snapshots / elapsed),
    ...(await stages(workers[0], befores[0])), 'RSS MB': rssMb.join(' + '),
  };
}

/** Mean time of the worker's own stages since `before` (a metrics scrape), and its RSS. */
async function stages(worker: Worker, before: Map<string, number>): Promise<Row> {
  const m = await metrics(worker.url);
  const delta = (name: string) => sumOf(m, name) - sumOf(before, name);
  const mean = (name: string) => (1e6 * delta(`${name}_sum`)) / Math.max(1, delta(`${name}_count`));
  return {
    'read µs': Math.round(mean('mirrorbook_strategy_state_read_seconds')),
    'plan µs': Math.round(mean('mirrorbook_strategy_planning_seconds')),
    'snapshot µs': Math.round(mean('mirrorbook_strategy_snapshot_seconds')),
    'RSS MB': Math.round((m.get('process_resident_memory_bytes') ?? 0) / 2 ** 20),
  };
}

/** The evaluator's pipelined read for inj-usdt (2 bots), with and without the `bot:<id>` GETs. */
async function readCost(redis: Redis): Promise<Row[]> {
  const bots = BOTS.slice(0, 2);
  const run = async (withBots: boolean) => {
    const p = redis.pipeline();
    p.get(redisKeys.latestPrice('reference', 'inj-usdt'));
    p.get(redisKeys.latestStatus('inj-usdt'));
    if (withBots) for (const b of bots) p.get(redisKeys.bot(b.id));
    for (const b of bots) p.hgetall(redisKeys.orders(b.wallet, 'inj-usdt'));
    for (const b of bots) p.get(redisKeys.balances(b.wallet));
    await p.exec();
  };
  const spent = { without: 0, with: 0 };
  for (let i = 0; i < 200; i++) await run(i % 2 === 0);
  // alternate the two shapes so that drift (other load on the host) hits both alike
  for (let i = 0; i < READS; i++) {
    for (const withBots of [false, true]) {
      const t0 = performance.now();
      await run(withBots);
      spent[withBots ? 'with' : 'without'] += performance.now() - t0;
    }
  }
  return (['without', 'with'] as const).map((k) => ({
    read: `pipeline, 2 bots, ${k} bot:<id> keys`,
    runs: READS,
    'µs/read': Math.round((spent[k] * 1000) / READS),
  }));
}

/** What `bench/run-all.ts` asks of this bench. */
export interface StrategyBenchOptions {
  /** snapshots per burst */
  snapshots: number;
  /** worker counts to burst with (each worker at `concurrency`) */
  workers: number[];
  concurrency: number;
  /** also a MAINTENANCE burst with one worker */
  maintenance: boolean;
}

/** Bursts of BOOK_BUILDING snapshots against 1..N workers in the queue group; one row per burst. */
export async function runStrategyBench(options: StrategyBenchOptions): Promise<Row[]> {
  const servers = await startTestServers();
  const config = configDir();
  const nc = await connect({ servers: servers.nats.url });
  const redis = new Redis(servers.redis.url);
  const rows: Row[] = [];
  const running: Worker[] = [];
  try {
    await seed(redis, nc);
    let seqBase = 0;
    const most = Math.max(...options.workers);
    for (let i = 0; i < most; i++) running.push(await Worker.start(servers, config.dir, options.concurrency, `bench-w${i + 1}`));
    // each count bursts against the first n workers: stop the others first (most workers first)
    for (const n of [...options.workers].sort((a, b) => b - a)) {
      while (running.length > n) await running.pop()!.proc.stop('SIGTERM', 15_000);
      rows.push(await burst(running, nc, (seqBase += 1e6), options.concurrency, false, options.snapshots));
      if (n === 1 && options.maintenance) rows.push(await burst(running, nc, (seqBase += 1e6), options.concurrency, true, options.snapshots));
    }
    return rows.sort((a, b) => Number(a.workers) - Number(b.workers));
  } finally {
    await Promise.all(running.map((w) => w.proc.stop('SIGTERM', 15_000)));
    await nc.close();
    redis.disconnect();
    await servers.stop();
    config.remove();
  }
}

async function main(): Promise<void> {
  const servers = await startTestServers();
  const config = configDir();
  const nc = await connect({ servers: servers.nats.url });
  const redis = new Redis(servers.redis.url);
  const rows: Row[] = [];
  try {
    await seed(redis, nc);
    let seqBase = 0;
    for (const concurrency of [1, 4, 8]) {
      const worker = await Worker.start(servers, config.dir, concurrency);
      try {
        process.stderr.write(`concurrency ${concurrency}: worker ready\n`);
        if (concurrency === 4) rows.push(await paced(worker, nc, (seqBase += 1e6)));
        rows.push(await burst([worker], nc, (seqBase += 1e6), concurrency, false));
        if (concurrency === 4) rows.push(await burst([worker], nc, (seqBase += 1e6), concurrency, true));
      } finally {
        await worker.proc.stop('SIGTERM', 15_000);
      }
    }
    if (process.env.BENCH_TWO_WORKERS !== '0') {
      const pair = [await Worker.start(servers, config.dir, 4, 'bench-w1'), await Worker.start(servers, config.dir, 4, 'bench-w2')];
      try {
        rows.push(await burst(pair, nc, (seqBase += 1e6), 4, false));
      } finally {
        await Promise.all(pair.map((w) => w.proc.stop('SIGTERM', 15_000)));
      }
    }
    console.table(rows);
    console.table(await readCost(redis));
  } finally {
    await nc.close();
    redis.disconnect();
    await servers.stop();
    config.remove();
  }
}

if (require.main === module) {
  void main().catch((error: Error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
