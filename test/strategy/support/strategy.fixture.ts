import Redis from 'ioredis';
import { connect, StringCodec, type NatsConnection } from 'nats';
import {
  redisKeys,
  subjects,
  type BookSnapshot,
  type BotRunState,
  type BotState,
  type ExecutionReport,
  type FeedState,
  type FeedStatus,
  type PriceTick,
  type StoredBalances,
  type StoredPositions,
} from '@mirrorbook/contracts';
import {
  catalogMarket,
  injUsdtMarkets,
  repoConfigPairs,
  startAppProcess,
  startTestServers,
  writeConfigDir,
  type ConfigDir,
  type ManagedProcess,
  type TestServers,
} from '@mirrorbook/testing';
import { IntentRecorder } from './intent.recorder';

const sc = StringCodec();

/** Bots of the test config: b1 (w1) quotes two spot markets, b2 (w2) INJ/USDT only, b3 (w3) the perp. */
export const TEST_BOTS = [
  { id: 'b1', wallet: 'w1', markets: ['inj-usdt', 'atom-usdt'] },
  { id: 'b2', wallet: 'w2', markets: ['inj-usdt'] },
  { id: 'b3', wallet: 'w3', markets: ['inj-usdt-perp'] },
] as const;

/** A temporary CONFIG_DIR: three of the repository's market pairs, the test bots, strategy defaults. */
function writeTestConfig(): ConfigDir {
  return writeConfigDir({
    markets: repoConfigPairs(['inj-usdt', 'atom-usdt', 'inj-usdt-perp']),
    bots: {
      wallets: [{ id: 'w1' }, { id: 'w2' }, { id: 'w3' }],
      bots: TEST_BOTS.map((b) => ({ ...b, markets: [...b.markets], enabled: true })),
    },
    strategy: {},
  });
}

/** A strategy worker as a child process, and its HTTP address once it is ready. */
export interface Worker {
  readonly proc: ManagedProcess;
  readonly url: string;
}

/** Starts `apps/strategy` and waits until it takes snapshots in the queue group. */
export async function startWorker(env: Record<string, string>, instance: string): Promise<Worker> {
  const proc = startAppProcess('strategy', { HTTP_PORT: '0', HEARTBEAT_INTERVAL_MS: '500', INSTANCE_ID: instance, ...env });
  const [, port] = await proc.waitForOutput(/listening on http:\/\/127\.0\.0\.1:(\d+)/, 30_000);
  await proc.waitForOutput(/in queue group strategy/, 30_000);
  return { proc, url: `http://127.0.0.1:${port}` };
}

/**
 * What every strategy spec runs on: real nats-server and redis-server, a test CONFIG_DIR, a
 * seeder standing in for the feed, executor and gateway, an intent recorder, and the workers.
 */
export class StrategyRig {
  readonly workers: Worker[] = [];

  private constructor(
    readonly servers: TestServers,
    readonly config: ConfigDir,
    readonly nc: NatsConnection,
    readonly redis: Redis,
    readonly seed: Seeder,
    readonly intents: IntentRecorder,
  ) {}

  static async start(): Promise<StrategyRig> {
    const servers = await startTestServers();
    const nc = await connect({ servers: servers.nats.url });
    const redis = new Redis(servers.redis.url);
    return new StrategyRig(servers, writeTestConfig(), nc, redis, new Seeder(nc, redis), new IntentRecorder(nc));
  }

  /** A strategy worker on the rig's servers and config, with `env` on top. */
  async worker(instance: string, env: Record<string, string> = {}): Promise<Worker> {
    const worker = await startWorker({ ...this.servers.env, CONFIG_DIR: this.config.dir, ...env }, instance);
    this.workers.push(worker);
    return worker;
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.proc.stop('SIGTERM', 15_000)));
    this.intents.stop();
    await this.nc.close();
    this.redis.disconnect();
    await this.servers.stop();
    this.config.remove();
  }
}

/** The value of each sample of `metric` whose labels include `labels`, summed (0 when none). */
export async function metricSum(worker: Worker, metric: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${worker.url}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = line.match(/^([a-z_]+)(?:\{(.*)\})? (\S+)$/);
    if (!match || match[1] !== metric) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) sum += Number(match[3]);
  }
  return sum;
}

/** The sum of a metric over several workers. */
export async function metricTotal(workers: readonly Worker[], metric: string, labels: Record<string, string> = {}): Promise<number> {
  const values = await Promise.all(workers.map((w) => metricSum(w, metric, labels)));
  return values.reduce((a, b) => a + b, 0);
}

/** Denoms of the testnet markets the test config uses. */
export function denoms(): { inj: string; usdt: string; atom: string } {
  const { spot } = injUsdtMarkets();
  return { inj: spot.baseDenom!, usdt: spot.quoteDenom, atom: catalogMarket('ATOM/USDT').baseDenom! };
}

/**
 * Seeds and publishes market data and bot state as the price feed, the executor and the gateway
 * would: real contract payloads on NATS, the same values in Redis.
 */
export class Seeder {
  private seq = 1000;

  constructor(
    private readonly nc: NatsConnection,
    private readonly redis: Redis,
  ) {}

  /** A reference tick at `mid`, `ageMs` old, published on `md.price.sim.<mk>` and stored in Redis. */
  async reference(market: string, mid: string, ageMs = 0): Promise<PriceTick> {
    const tick: PriceTick = {
      v: 1,
      net: 'sim',
      role: 'reference',
      market,
      bid: mid,
      ask: mid,
      mid,
      last: null,
      source: 'mid',
      height: 1,
      ts: Date.now() - ageMs,
      seq: ++this.seq,
    };
    await this.redis.set(redisKeys.latestPrice('reference', market), JSON.stringify(tick));
    this.nc.publish(subjects.mdPrice('sim', market).subject, sc.encode(JSON.stringify(tick)));
    await this.nc.flush();
    return tick;
  }

  /** A feed status whose reference side is `state`, published on `md.status.<mk>` and stored in Redis. */
  async status(market: string, state: FeedState): Promise<FeedStatus> {
    const status: FeedStatus = {
      v: 1,
      market,
      state,
      reference: state === 'fresh' ? { state, ageMs: 10 } : { state, ageMs: 60_000, reason: 'test' },
      book: { state: 'fresh', ageMs: 10 },
      throttled: false,
      pollIntervalMs: 700,
      ts: Date.now(),
      seq: ++this.seq,
    };
    await this.redis.set(redisKeys.latestStatus(market), JSON.stringify(status));
    this.nc.publish(subjects.mdStatus(market).subject, sc.encode(JSON.stringify(status)));
    await this.nc.flush();
    return status;
  }

  /** An empty trading book (so every running bot plans a full staircase) on `md.book.sim.<mk>`. */
  async book(market: string, seq: number, role: BookSnapshot['role'] = 'trading'): Promise<BookSnapshot> {
    const book = emptyBook(market, seq, role);
    this.nc.publish(subjects.mdBook('sim', market).subject, sc.encode(JSON.stringify(book)));
    await this.nc.flush();
    return book;
  }

  /** An empty trading book stored as the feed's latest (`md:book:<mk>`), not published. */
  async storedBook(market: string, seq: number): Promise<BookSnapshot> {
    const book = emptyBook(market, seq, 'trading');
    await this.redis.set(redisKeys.latestBook(market), JSON.stringify(book));
    return book;
  }

  /** Ample spot balances for a wallet, as the executor stores them. */
  async balances(wallet: string): Promise<void> {
    const d = denoms();
    const entry = (symbol: string, amount: string) => ({ symbol, available: amount, total: amount });
    const balances: StoredBalances = {
      height: 1,
      ts: Date.now(),
      balances: { [d.inj]: entry('INJ', '100000'), [d.usdt]: entry('USDT', '10000000'), [d.atom]: entry('ATOM', '100000') },
    };
    await this.redis.set(redisKeys.balances(wallet), JSON.stringify(balances));
  }

  /** A flat (no position) derivative account for a wallet, as the executor stores it. */
  async positions(wallet: string): Promise<void> {
    const positions: StoredPositions = { height: 1, ts: Date.now(), positions: {} };
    await this.redis.set(redisKeys.positions(wallet), JSON.stringify(positions));
  }

  /** The executor's report on `intentIds` of `wallet` on `exec.report.<wallet>` (`error` ending in a report marker: more reports follow). */
  async report(wallet: string, intentIds: string[], outcome: ExecutionReport['outcome'] = 'applied', error: string | null = null): Promise<ExecutionReport> {
    const report: ExecutionReport = {
      v: 1,
      wallet,
      intentIds,
      outcome,
      txHash: null,
      height: null,
      code: outcome === 'applied' ? 0 : null,
      codespace: null,
      createdOrderHashes: [],
      cancelledOrderHashes: [],
      failed: [],
      latency: { toBroadcastMs: null, toInclusionMs: null },
      error,
      ts: Date.now(),
    };
    this.nc.publish(subjects.execReport(wallet).subject, sc.encode(JSON.stringify(report)));
    await this.nc.flush();
    return report;
  }

  /** Sets a bot's desired state in `bot:<id>` and announces it on `bot.state.<id>`, as the gateway does. */
  async botState(bot: string, desired: BotRunState): Promise<void> {
    const state: BotState = { v: 1, bot, desired, params: {}, by: 'test', updatedAt: Date.now() };
    await this.redis.set(redisKeys.bot(bot), JSON.stringify(state));
    this.nc.publish(subjects.botState(bot).subject, sc.encode(JSON.stringify(state)));
    await this.nc.flush();
  }
}

function emptyBook(market: string, seq: number, role: BookSnapshot['role']): BookSnapshot {
  return { v: 1, net: 'sim', role, market, bids: [], asks: [], orderCount: 0, height: seq, ts: Date.now(), seq };
}
