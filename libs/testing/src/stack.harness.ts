import Redis from 'ioredis';
import { connect, type NatsConnection } from 'nats';
import type { AppName } from '@mirrorbook/contracts';
import { lcdHostBucketKey, RedisTokenBucket } from '@mirrorbook/redis';
import {
  ChainUnavailableError,
  LcdClient,
  RateLimitedError,
  RateLimiter,
  type OpenOrder,
  type Position,
  type RequestLimiter,
  type Wallet,
} from '@mirrorbook/injective';
import { generatePrivateKeyHex, walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { startAppProcess, startCompiledAppProcess } from './app.launcher';
import { catalogTestnetDenoms } from './catalog-market.fixture';
import { repoConfigPairs, writeConfigDir, type ConfigDir, type ConfigPair } from './config-dir.fixture';
import { writeWalletKeyFile } from './key-file.fixture';
import type { ManagedProcess } from './managed.process';
import { startTestServers, type TestServers } from './test-servers';

export interface StackWallet {
  id: string;
  key: string;
  wallet: Wallet;
}

/**
 * Pairs config/markets.json does not list, for scenarios that need more markets (real ids from
 * libs/market/catalog/injective-markets.json).
 */
export const EXTRA_PAIRS: readonly ConfigPair[] = [
  {
    key: 'eth-usdt-perp',
    type: 'derivative',
    mainnetMarketId: '0x54d4505adef6a5cef26bc403a33d595620ded4e15b9e2bc3dd489b714813366a',
    testnetMarketId: '0x70bc8d7feab38b23d5fdfb12b9c3726e400c265edbcbf449b6c80c31d63d3a02',
    referencePrice: 'mid',
    strategy: { baseSize: '0.1', maxNetPosition: '5' },
    enabled: true,
  },
];

export interface StackOptions {
  /** market keys of config/markets.json (or of `EXTRA_PAIRS`) to keep */
  markets: string[];
  /** bots.json `bots` entries; wallets are derived from them */
  bots: { id: string; wallet: string; markets: string[]; params?: Record<string, unknown>; enabled?: boolean }[];
  /** config/sim.json contents (genesis accounts for the wallets are added) */
  sim: Record<string, unknown>;
  /** environment for every app (on top of the servers' URLs) */
  env?: Record<string, string>;
  /** extra environment per app */
  appEnv?: Partial<Record<AppName, Record<string, string>>>;
  /** executor replicas per wallet; default 1 */
  executorsPerWallet?: number;
  /**
   * wallets one executor process runs (EXECUTOR_WALLETS=w1,w2,…, a key file per wallet), in the
   * wallets' order; default 1: one process per wallet with WALLET_ID. Replicas apply per group.
   */
  walletsPerExecutor?: number;
  /** run the apps from the compiled dist/ as the images do (the caller builds it: `ensureCompiled()`); default TypeScript */
  compiled?: boolean;
  /** the raw `>` recorder (every message through one more subscriber); default true. Off, `bus` records nothing */
  recordBus?: boolean;
  /** called as each app process is spawned (before the harness waits for it) */
  onStart?: (name: string, proc: ManagedProcess) => void;
  /** apps not to start */
  without?: AppName[];
  /** nats-server config text for the stack's NATS (e.g. a JetStream store limit) */
  natsConfig?: string;
}

/** A message seen by the stack's raw subscriber on `>`. */
export interface BusMessage {
  subject: string;
  data: string;
  /** ms since epoch, when the recorder received it */
  at: number;
}

/** Options of the raw `>` recorder. */
export interface BusRecorder {
  /** messages kept (everything but `md.*`, `svc.heartbeat.*` and JetStream/inbox traffic, unless `keepAll`) */
  readonly messages: BusMessage[];
  /** every message seen, by subject family (first token) */
  readonly counts: Map<string, number>;
  /** subjects of messages whose payload contained a wallet key (any variant) */
  readonly keyLeaks: string[];
  /** total messages seen */
  total(): number;
  /** payloads of the kept messages whose subject starts with `prefix` */
  on(prefix: string): BusMessage[];
  /** times the recorder's connection dropped (e.g. as a slow consumer): messages may be missing */
  disconnects(): number;
}

/** The whole system as separate processes: real NATS and Redis, the sim as the chain. */
export interface Stack {
  servers: TestServers;
  configDir: string;
  wallets: StackWallet[];
  pairs: ConfigPair[];
  simUrl: string;
  gatewayUrl: string | undefined;
  lcd: LcdClient;
  procs: Map<string, ManagedProcess>;
  /** a raw subscriber on `>` since before the first app started (reconnects forever) */
  bus: BusRecorder;
  /** a Redis client of the test (reconnects forever) */
  redis: Redis;
  /** every line every app wrote so far */
  logs(): string;
  simAdmin(path: string, body: unknown): Promise<unknown>;
  /** `GET /sim/admin/state` */
  simState(): Promise<Record<string, unknown>>;
  height(): Promise<number>;
  /** resolves once the chain is `n` blocks further */
  waitBlocks(n: number, timeoutMs?: number): Promise<number>;
  /** resolves once the chain is at `target` or above */
  waitHeight(target: number, timeoutMs?: number): Promise<number>;
  /** the pair written for `key` */
  pair(key: string): ConfigPair;
  wallet(id: string): StackWallet;
  /** the wallet's open orders on the testnet market of `key`, from the chain */
  openOrders(walletId: string, key: string): Promise<OpenOrder[]>;
  /** the testnet (trading) or mainnet (reference) side's best bid, best ask and mid; null where empty */
  tob(key: string, side: 'testnet' | 'mainnet'): Promise<{ bid: number | null; ask: number | null; mid: number | null }>;
  /** the wallet's derivative positions, from the chain */
  positions(walletId: string): Promise<Position[]>;
  /** a request to the gateway with the stack's bearer token; resolves with status and JSON body */
  gateway(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** the Prometheus text of a process's `/metrics` */
  metrics(name: string): Promise<string>;
  /** the base URL of a process's HTTP server */
  url(name: string): Promise<string>;
  /** starts one more executor for `walletId`; returns its name in `procs` */
  /** starts one more executor for the wallet (`instanceId`: its INSTANCE_ID, default its process name); answers its process name */
  startExecutor(walletId: string, instanceId?: string): string;
  stop(): Promise<void>;
}

/** The stack's gateway token. */
export const STACK_TOKEN = 'stack-token-0123456789';

const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+)/;

function pairsOf(keys: string[]): ConfigPair[] {
  const repo = repoConfigPairs();
  return keys.map((key) => {
    const pair = repo.find((m) => m.key === key) ?? EXTRA_PAIRS.find((m) => m.key === key);
    if (!pair) throw new Error(`stack: unknown market ${key}`);
    return { ...pair };
  });
}

/** The stack's CONFIG_DIR: the pairs, a wallet per bot's wallet, every testnet denom funded at genesis. */
function writeConfig(options: StackOptions, pairs: ConfigPair[], wallets: StackWallet[]): ConfigDir {
  const balances = Object.fromEntries(catalogTestnetDenoms().map((d) => [d, '10000000']));
  return writeConfigDir({
    markets: pairs,
    bots: { wallets: wallets.map((w) => ({ id: w.id, label: w.id })), bots: options.bots.map((b) => ({ params: {}, enabled: true, ...b })) },
    sim: { ...options.sim, genesis: { accounts: wallets.map((w) => ({ address: w.wallet.injAddress, balances })) } },
  });
}

async function portOf(proc: ManagedProcess): Promise<number> {
  const [, port] = await proc.waitForOutput(LISTENING, 90_000);
  return Number(port);
}

/** Every spelling of a key that must never show: hex both cases, base64. */
export function keyVariants(key: string): string[] {
  const hex = key.replace(/^0x/, '');
  return [hex.toLowerCase(), hex.toUpperCase(), Buffer.from(hex, 'hex').toString('base64')];
}

const NOISE = /^(md\.|svc\.heartbeat\.|\$JS\.|_INBOX\.|\$SYS\.)/;

/** A recorder that saw nothing (`recordBus: false`). */
function noRecorder(): BusRecorder {
  return { messages: [], counts: new Map(), keyLeaks: [], total: () => 0, on: () => [], disconnects: () => 0 };
}

async function startRecorder(url: string, secrets: string[], keepAll: boolean): Promise<{ recorder: BusRecorder; nc: NatsConnection }> {
  const nc = await connect({ servers: url, maxReconnectAttempts: -1, reconnectTimeWait: 250, name: 'stack-recorder' });
  const messages: BusMessage[] = [];
  const counts = new Map<string, number>();
  const keyLeaks: string[] = [];
  let total = 0;
  const decoder = new TextDecoder();
  let disconnects = 0;
  void (async () => {
    for await (const status of nc.status()) if (status.type === 'disconnect') disconnects += 1;
  })();
  const sub = nc.subscribe('>');
  void (async () => {
    for await (const msg of sub) {
      // a JetStream consumer's delivery travels under the message's own subject to an inbox that
      // `>` also matches: the same message again (its reply is the ack subject), so skip it
      if (msg.reply?.startsWith('$JS.ACK.')) continue;
      total += 1;
      const family = msg.subject.split('.')[0];
      counts.set(family, (counts.get(family) ?? 0) + 1);
      const data = decoder.decode(msg.data);
      if (secrets.some((s) => data.includes(s) || msg.subject.includes(s))) keyLeaks.push(msg.subject);
      if (keepAll || !NOISE.test(msg.subject)) messages.push({ subject: msg.subject, data, at: Date.now() });
    }
  })();
  await nc.flush();
  return {
    nc,
    recorder: {
      messages,
      counts,
      keyLeaks,
      total: () => total,
      on: (prefix) => messages.filter((m) => m.subject.startsWith(prefix)),
      disconnects: () => disconnects,
    },
  };
}

/** The sim's per-IP limit by default (apps/injective-sim sim.config.ts `rateLimitPerSecond`). */
const SIM_DEFAULT_LIMIT_PER_S = 20;

/**
 * The harness's own reads are one more client on the machine: against a limited sim they take the
 * apps' machine-wide Redis bucket of the sim's host (90 % of the sim's limit), else 1000/s.
 */
function harnessLimiter(options: StackOptions, redis: Redis, simUrl: string): RequestLimiter {
  const limit = Number(options.sim.rateLimitPerSecond ?? SIM_DEFAULT_LIMIT_PER_S);
  if (!(limit > 0)) return new RateLimiter({ ratePerSecond: 1000 });
  const ratePerSecond = limit * Number(options.env?.RATE_LIMIT_SHARE ?? 0.9);
  return new RedisTokenBucket({ redis, key: lcdHostBucketKey(simUrl), ratePerSecond, fallback: new RateLimiter({ ratePerSecond }) });
}

export async function startStack(options: StackOptions & { recordAll?: boolean }): Promise<Stack> {
  const servers = await startTestServers({ natsConfig: options.natsConfig });
  const walletIds = [...new Set(options.bots.map((b) => b.wallet))];
  const wallets = walletIds.map((id) => {
    const key = generatePrivateKeyHex();
    return { id, key, wallet: walletFromPrivateKey(key) };
  });
  const pairs = pairsOf(options.markets);
  const config = writeConfig(options, pairs, wallets);
  const { recorder: bus, nc } =
    options.recordBus === false
      ? { recorder: noRecorder(), nc: undefined }
      : await startRecorder(servers.nats.url, wallets.flatMap((w) => keyVariants(w.key)), options.recordAll ?? false);
  const redis = new Redis(servers.redis.url, { maxRetriesPerRequest: null, retryStrategy: () => 250 });
  const procs = new Map<string, ManagedProcess>();
  const teardown = async () => {
    await Promise.all([...procs.values()].map((p) => p.stop('SIGTERM', 10_000)));
    await nc?.close().catch(() => undefined);
    redis.disconnect();
    await servers.stop();
    config.remove();
  };
  /** a start that failed (an app exited, or never listened) takes the rest of the stack down with it */
  const orTeardown = <T>(step: Promise<T>): Promise<T> =>
    step.catch(async (error: unknown) => {
      await teardown();
      throw error;
    });
  const skip = new Set(options.without ?? []);
  const base = { ...servers.env, CONFIG_DIR: config.dir, HTTP_PORT: '0', HEARTBEAT_INTERVAL_MS: '1000', GATEWAY_TOKEN: STACK_TOKEN, ...options.env };
  const start = (name: string, app: AppName, env: Record<string, string> = {}) => {
    const launch = options.compiled ? startCompiledAppProcess : startAppProcess;
    const proc = launch(app, { ...base, ...options.appEnv?.[app], ...env });
    procs.set(name, proc);
    options.onStart?.(name, proc);
    return proc;
  };
  const sim = start('injective-sim', 'injective-sim', { SIM_CONFIG: config.path('sim.json') });
  const simUrl = `http://127.0.0.1:${await orTeardown(portOf(sim))}`;
  const withSim = { SIM_LCD_URL: simUrl };
  let replicas = 0;
  const startExecutor = (walletId: string, instanceId?: string): string => {
    const w = wallets.find((x) => x.id === walletId);
    if (!w) throw new Error(`stack: unknown wallet ${walletId}`);
    const name = `executor-${w.id}-${replicas++}`;
    start(name, 'executor', { ...withSim, WALLET_ID: w.id, INSTANCE_ID: instanceId ?? name, ...writeWalletKeyFile(config.dir, w.id, w.key) });
    return name;
  };
  /** One process for several wallets: EXECUTOR_WALLETS and a key file each; named `executor-<first>..<last>-<n>`. */
  const startExecutorGroup = (group: StackWallet[]): string => {
    const name = `executor-${group[0]!.id}-to-${group[group.length - 1]!.id}-${replicas++}`;
    const keyFiles = Object.assign({}, ...group.map((w) => writeWalletKeyFile(config.dir, w.id, w.key))) as Record<string, string>;
    start(name, 'executor', { ...withSim, EXECUTOR_WALLETS: group.map((w) => w.id).join(','), INSTANCE_ID: name, ...keyFiles });
    return name;
  };
  for (const app of ['price-feed', 'strategy'] as const) if (!skip.has(app)) start(app, app, withSim);
  if (!skip.has('executor')) {
    const perProcess = options.walletsPerExecutor ?? 1;
    for (let i = 0; i < wallets.length; i += perProcess) {
      const group = wallets.slice(i, i + perProcess);
      for (let replica = 0; replica < (options.executorsPerWallet ?? 1); replica++) {
        if (perProcess === 1) startExecutor(group[0]!.id);
        else startExecutorGroup(group);
      }
    }
  }
  const gateway = skip.has('gateway') ? undefined : start('gateway', 'gateway', withSim);
  const gatewayUrl = gateway ? `http://127.0.0.1:${await orTeardown(portOf(gateway))}` : undefined;
  for (const proc of procs.values()) await orTeardown(portOf(proc));

  const lcd = new LcdClient({ baseUrl: simUrl, rateLimiter: harnessLimiter(options, redis, simUrl), maxRetries: 5 });
  const height = () => lcd.getLatestHeight();
  const pair = (key: string) => {
    const found = pairs.find((p) => p.key === key);
    if (!found) throw new Error(`stack: market ${key} not configured`);
    return found;
  };
  const wallet = (id: string) => {
    const found = wallets.find((w) => w.id === id);
    if (!found) throw new Error(`stack: unknown wallet ${id}`);
    return found;
  };
  // the sim's injected faults (5xx, 429) hit the harness's reads too: a failed read is a miss
  const heightOrMiss = () =>
    height().catch((error: unknown) => {
      if (error instanceof ChainUnavailableError || error instanceof RateLimitedError) return undefined;
      throw error;
    });
  const waitHeight = async (target: number, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    let h = -1;
    for (;;) {
      h = (await heightOrMiss()) ?? h;
      if (h >= target) return h;
      if (Date.now() > deadline) throw new Error(`chain did not reach height ${target} in ${timeoutMs} ms (at ${h})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    servers,
    configDir: config.dir,
    wallets,
    pairs,
    simUrl,
    gatewayUrl,
    lcd,
    procs,
    bus,
    redis,
    logs: () => [...procs.values()].map((p) => p.logs()).join('\n'),
    simAdmin: async (path, body) => {
      const res = await fetch(`${simUrl}/sim/admin/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`sim admin ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    simState: async () => (await (await fetch(`${simUrl}/sim/admin/state`)).json()) as Record<string, unknown>,
    height,
    waitBlocks: async (n, timeoutMs) => waitHeight((await waitHeight(0, timeoutMs)) + n, timeoutMs),
    waitHeight,
    pair,
    wallet,
    openOrders: (walletId, key) => {
      const p = pair(key);
      const sub = wallet(walletId).wallet.subaccountId;
      return p.type === 'spot' ? lcd.getSpotOpenOrders(p.testnetMarketId, sub) : lcd.getDerivativeOpenOrders(p.testnetMarketId, sub);
    },
    tob: async (key, side) => {
      const p = pair(key);
      const id = side === 'testnet' ? p.testnetMarketId : p.mainnetMarketId;
      const t = p.type === 'spot' ? await lcd.getSpotMidPriceAndTob(id) : await lcd.getDerivativeMidPriceAndTob(id);
      const num = (d: { toNumber(): number } | null | undefined) => (d ? d.toNumber() : null);
      return { bid: num(t.bestBuyPrice), ask: num(t.bestSellPrice), mid: num(t.midPrice) };
    },
    positions: (walletId) => lcd.getSubaccountPositions(wallet(walletId).wallet.subaccountId),
    gateway: async (method, path, body) => {
      if (!gatewayUrl) throw new Error('stack: no gateway');
      const res = await fetch(`${gatewayUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${STACK_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed };
    },
    metrics: async (name) => {
      const proc = procs.get(name);
      if (!proc) throw new Error(`stack: no process ${name}`);
      return (await fetch(`http://127.0.0.1:${await portOf(proc)}/metrics`)).text();
    },
    url: async (name) => {
      const proc = procs.get(name);
      if (!proc) throw new Error(`stack: no process ${name}`);
      return `http://127.0.0.1:${await portOf(proc)}`;
    },
    startExecutor,
    stop: teardown,
  };
}

/** Sum of a metric's samples whose labels include `labels` (0 when absent). */
export function metricSum(text: string, metric: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/);
    if (!match || match[1] !== metric) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) sum += Number(match[3]);
  }
  return sum;
}
