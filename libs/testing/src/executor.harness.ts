import Redis from 'ioredis';
import { connect, type NatsConnection } from 'nats';
import {
  batchIntentSchema,
  executionReportSchema,
  isFinalReport,
  orderEventSchema,
  priceTickSchema,
  redisKeys,
  type BatchIntent,
  type ExecutionReport,
  type MarketPlan,
  type OrderEvent,
} from '@mirrorbook/contracts';
import { LcdClient, type OpenOrder } from '@mirrorbook/injective';
import { generatePrivateKeyHex, walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { startAppProcess } from './app.launcher';
import { catalogMarket, injUsdtMarkets } from './catalog-market.fixture';
import { repoConfigPairs, writeConfigDir, type ConfigDir, type ConfigPair } from './config-dir.fixture';
import { writeWalletKeyFile } from './key-file.fixture';
import type { ManagedProcess } from './managed.process';
import { startTestServers, type TestServers } from './test-servers';

/** The configured markets the harness's bots trade. */
export type MarketKey = 'inj-usdt' | 'atom-usdt' | 'inj-usdt-perp';

/** Testnet market ids of the configured markets (config/markets.json). */
export const MARKETS: Readonly<Record<MarketKey, { readonly id: string; readonly type: 'spot' | 'derivative' }>> = Object.freeze(
  Object.fromEntries(
    repoConfigPairs(['inj-usdt', 'atom-usdt', 'inj-usdt-perp']).map((p) => [p.key, { id: p.testnetMarketId, type: p.type }]),
  ) as Record<MarketKey, { id: string; type: 'spot' | 'derivative' }>,
);

const USDT = injUsdtMarkets().spot.quoteDenom;
const ATOM = catalogMarket('ATOM/USDT').baseDenom!;

/** Genesis balances of a funded test wallet, human units. */
export const FUNDING = { inj: '10000', [USDT]: '1000000', [ATOM]: '10000' };
/** Genesis balances of a poor wallet: enough for fees, too little to buy. */
export const POOR_FUNDING = { inj: '1', [USDT]: '5' };

/** A test wallet: its config id, its key (only ever handed to its executor) and derived ids. */
export interface TestWallet {
  readonly id: string;
  readonly bot: string;
  readonly key: string;
  readonly address: string;
  readonly subaccountId: string;
}

/** Options of `startExecutorHarness`. */
export interface HarnessOptions {
  /** wallets to configure (each with one bot trading the three markets); default 1 */
  wallets?: number;
  /** wallets funded fully at genesis (the rest get `POOR_FUNDING`); default all */
  funded?: number;
  /** SIM_BLOCK_MS; default 300 */
  blockMs?: number;
  /** SIM_CHAIN_ID; default the sim's */
  chainId?: string;
  /** SIM_EIP_BASE_FEE (inj base units per gas); default the sim's (160000000) */
  eipBaseFee?: string;
  /** markets.json's pairs (e.g. one whose testnet id the sim does not list); default config/markets.json */
  markets?: readonly ConfigPair[];
  /** bots.json params of a wallet's bot by wallet id, replacing the default `{ baseSize: '1', leverage: '2' }` */
  botParams?: Readonly<Record<string, Record<string, string>>>;
}

/** NATS + Redis + the sim as a child process, a config directory, and helpers around executors. */
export class ExecutorHarness {
  readonly reports: ExecutionReport[] = [];
  readonly events: OrderEvent[] = [];
  /** every message seen on `>` (the key-leak check reads them) */
  readonly allMessages: { subject: string; data: string }[] = [];
  private readonly executors: ManagedProcess[] = [];
  private intentCounter = 0;

  private constructor(
    readonly servers: TestServers,
    readonly sim: ManagedProcess,
    readonly simUrl: string,
    private readonly config: ConfigDir,
    readonly wallets: TestWallet[],
    readonly nc: NatsConnection,
    readonly redis: Redis,
  ) {}

  /** Starts everything; call `stop()` in afterAll. */
  static async start(options: HarnessOptions = {}): Promise<ExecutorHarness> {
    const count = options.wallets ?? 1;
    const wallets: TestWallet[] = Array.from({ length: count }, (_, i) => {
      const key = generatePrivateKeyHex();
      const wallet = walletFromPrivateKey(key);
      return { id: `tw${i + 1}`, bot: `tb${i + 1}`, key, address: wallet.injAddress, subaccountId: wallet.subaccountId };
    });
    const rich = options.funded ?? count;
    const accounts = wallets.map((w, i) => ({ address: w.address, balances: i < rich ? FUNDING : POOR_FUNDING }));
    const config = writeConfigDir({
      bots: {
        wallets: wallets.map((w) => ({ id: w.id, label: `test ${w.id}` })),
        bots: wallets.map((w) => ({ id: w.bot, wallet: w.id, markets: Object.keys(MARKETS), params: options.botParams?.[w.id] ?? { baseSize: '1', leverage: '2' }, enabled: true })),
      },
      sim: { genesis: { accounts } },
      markets: options.markets,
    });
    const servers = await startTestServers();
    const sim = startAppProcess('injective-sim', {
      ...servers.env,
      SIM_CONFIG: config.path('sim.json'),
      SIM_PORT: '0',
      HTTP_PORT: '0',
      SIM_BLOCK_MS: String(options.blockMs ?? 300),
      // executor tests poll the sim every 50 ms and read it at 1000/s: no per-IP limit here (the
      // limit and the shared budget are tested by test/e2e/lcd-rate-limit.e2e.spec.ts)
      SIM_RATE_LIMIT_PER_S: '0',
      ...(options.chainId ? { SIM_CHAIN_ID: options.chainId } : {}),
      ...(options.eipBaseFee ? { SIM_EIP_BASE_FEE: options.eipBaseFee } : {}),
    });
    const [, simUrl] = await sim.waitForOutput(/(?:listening on|chain \S+ on) (http:\/\/127\.0\.0\.1:\d+)/, 60_000);
    const nc = await connect({ servers: servers.nats.url });
    const redis = new Redis(servers.redis.url);
    const harness = new ExecutorHarness(servers, sim, simUrl, config, wallets, nc, redis);
    harness.listen();
    return harness;
  }

  private listen(): void {
    const decoder = new TextDecoder();
    const sub = this.nc.subscribe('>');
    void (async () => {
      for await (const msg of sub) {
        const data = decoder.decode(msg.data);
        this.allMessages.push({ subject: msg.subject, data });
        if (msg.subject.startsWith('exec.report.')) this.reports.push(executionReportSchema.parse(JSON.parse(data)));
        else if (msg.subject.startsWith('orders.')) this.events.push(orderEventSchema.parse(JSON.parse(data)));
      }
    })();
  }

  /** Starts an executor for `wallet` (its key in a 0600 file, as npm start does) with extra environment. */
  startExecutor(wallet: TestWallet, env: NodeJS.ProcessEnv = {}, instance?: string): ManagedProcess {
    const proc = startAppProcess('executor', {
      ...this.servers.env,
      HTTP_PORT: '0',
      CONFIG_DIR: this.config.dir,
      NETWORK: 'sim',
      SIM_LCD_URL: this.simUrl,
      WALLET_ID: wallet.id,
      ...writeWalletKeyFile(this.config.dir, wallet.id, wallet.key),
      HEARTBEAT_INTERVAL_MS: '500',
      EXEC_LEASE_TTL_MS: '1500',
      EXEC_BATCH_WINDOW_MS: '20',
      EXEC_INCLUSION_POLL_MS: '50',
      // the sim has no per-IP limit here (see startExecutorHarness): a budget to match
      CHAIN_LCD_LIMIT_PER_IP: '2000',
      ...(instance ? { INSTANCE_ID: instance } : {}),
      ...env,
    });
    this.executors.push(proc);
    return proc;
  }

  /**
   * Starts one executor process signing for several wallets (`EXECUTOR_WALLETS`), each key in its
   * own 0600 file; `WALLET_ID` is left unset.
   */
  startExecutorGroup(wallets: readonly TestWallet[], env: NodeJS.ProcessEnv = {}, instance?: string): ManagedProcess {
    const keys = Object.assign({}, ...wallets.map((w) => writeWalletKeyFile(this.config.dir, w.id, w.key))) as Record<string, string>;
    return this.startExecutor(wallets[0]!, { WALLET_ID: '', EXECUTOR_WALLETS: wallets.map((w) => w.id).join(','), ...keys, ...env }, instance);
  }

  /** Resolves once the executor holds the lease and has taken over. */
  async tookOver(proc: ManagedProcess, timeoutMs = 60_000): Promise<void> {
    await proc.waitForOutput(/took over wallet/, timeoutMs);
  }

  /** Writes the reference price the pre-trade band check reads. */
  async setReference(market: MarketKey, mid: string): Promise<void> {
    await this.setPrice('reference', market, mid, mid, mid);
  }

  /** Writes the testnet price the executor measures the gap with (as the price feed does). */
  async setTrading(market: MarketKey, mid: string, bid: string | null = mid, ask: string | null = mid): Promise<void> {
    await this.setPrice('trading', market, mid, bid, ask);
  }

  private async setPrice(role: 'reference' | 'trading', market: MarketKey, mid: string, bid: string | null, ask: string | null): Promise<void> {
    const tick = priceTickSchema.parse({ v: 1, net: 'sim', role, market, bid, ask, mid, last: mid, source: 'mid', height: 1, ts: Date.now(), seq: 1 });
    await this.redis.set(redisKeys.latestPrice(role, market), JSON.stringify(tick));
  }

  /** Publishes an intent into the INTENTS stream (as the strategy does). */
  async publishIntent(intent: BatchIntent): Promise<void> {
    const payload = batchIntentSchema.parse(intent);
    await this.nc.jetstream().publish(`intent.${intent.wallet}`, new TextEncoder().encode(JSON.stringify(payload)));
  }

  /** An intent for `wallet` with one plan per entry; cids are unique per harness. */
  intent(wallet: TestWallet, plans: { market: MarketKey; bookSeq: number; actions: MarketPlan['actions']; phase?: MarketPlan['phase'] }[], ttlMs = 5000): BatchIntent {
    const now = Date.now();
    this.intentCounter += 1;
    return {
      v: 1,
      id: `it-${wallet.id}-${this.intentCounter}-${now.toString(36)}`,
      wallet: wallet.id,
      bot: wallet.bot,
      plans: plans.map((p) => ({ market: p.market, phase: p.phase ?? 'BOOK_BUILDING', basedOn: { bookSeq: p.bookSeq, priceSeq: 1, referencePrice: '10' }, actions: p.actions })),
      ts: now,
      deadline: now + ttlMs,
    };
  }

  /** A unique client order id. */
  cid(tag = 'o'): string {
    this.intentCounter += 1;
    return `${tag}-${this.intentCounter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  }

  /** The wallet's open orders on chain, straight from the sim's LCD. */
  async chainOrders(wallet: TestWallet, market: MarketKey): Promise<OpenOrder[]> {
    const lcd = new LcdClient({ baseUrl: this.simUrl, ratePerSecond: 1000 });
    const { id, type } = MARKETS[market];
    return type === 'spot' ? lcd.getSpotOpenOrders(id, wallet.subaccountId) : lcd.getDerivativeOpenOrders(id, wallet.subaccountId);
  }

  /** The wallet's open orders as the executor stored them (`orders:<wallet>:<mk>`). */
  async storedOrders(wallet: TestWallet, market: MarketKey): Promise<{ orderHash: string; cid: string | null }[]> {
    const entries = await this.redis.hgetall(redisKeys.orders(wallet.id, market));
    return Object.values(entries).map((json) => JSON.parse(json) as { orderHash: string; cid: string | null });
  }

  /** POST to the sim's admin API. */
  async admin(path: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${this.simUrl}/sim/admin/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`sim admin ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }

  /** GET the sim's admin state. */
  async simState(): Promise<Record<string, unknown>> {
    return (await (await fetch(`${this.simUrl}/sim/admin/state`)).json()) as Record<string, unknown>;
  }

  /**
   * The final report per intent id. A report saying more follow (a failed tx whose intents will be
   * retried, a partial rejection) ends its `error` with one of the executor's markers.
   */
  finalOutcomes(): Map<string, ExecutionReport> {
    const last = new Map<string, ExecutionReport>();
    for (const report of this.reports) {
      if (!ExecutorHarness.isFinal(report)) continue;
      for (const id of report.intentIds) last.set(id, report);
    }
    return last;
  }

  /** False for a report after which more reports follow for the same intents. */
  static isFinal(report: ExecutionReport): boolean {
    return isFinalReport(report);
  }

  /** The executor's metrics (Prometheus text), from the port it logged. */
  async metrics(proc: ManagedProcess): Promise<string> {
    const [, port] = await proc.waitForOutput(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
    return (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  }

  /** Sum of a counter over its label sets in a metrics text (0 when absent). */
  static counter(metrics: string, name: string): number {
    return metrics
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  }

  /** Every executor's output (the key-leak check reads it). */
  executorLogs(): string {
    return this.executors.map((p) => p.logs()).join('\n');
  }

  /** Stops every process and server. */
  async stop(): Promise<void> {
    await Promise.all(this.executors.map((p) => p.stop('SIGKILL')));
    await this.sim.stop('SIGKILL');
    await this.nc.drain().catch(() => undefined);
    this.redis.disconnect();
    await this.servers.stop();
    this.config.remove();
  }
}
