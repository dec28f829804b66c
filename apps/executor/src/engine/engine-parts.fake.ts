import type { BotEntry, MarketPair } from '@mirrorbook/config';
import type { BatchIntent, BotRunState, ExecutionReport, OrderEvent, PriceTick, StoredOrder } from '@mirrorbook/contracts';
import { networkSides } from '@mirrorbook/injective';
import { walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { Dec } from '@mirrorbook/market';
import type { StoredFees } from '@mirrorbook/contracts';
import type { WalletFeeBudget } from '../fees/fee.budget';
import { FeeMeter } from '../fees/fee.meter';
import { WalletFeesTracker } from '../fees/wallet-fees.tracker';
import type { IntentSink } from '../intents/intent.sink';
import type { ExecutorSettings } from '../settings/executor.settings';
import { LeaseLostError } from '../shared/lease-lost.error';
import { RedisWriteOutbox } from '../shared/redis-write.outbox';
import type { TenureGuard } from '../shared/tenure.guard';
import type { BotStateListener } from '../state/bot-state.listener';
import { TESTNET_IDS, testnetMarket } from '../testing/market.fixture';
import type { EngineParts } from './executor-engine.parts';
import type { VenueLimits } from '../chain/chain.fees';
import { FakeTxSubmitter } from './tx-submitter.fake';

const USDT = 'peggy0x87aB3B4C8661e07D6372361211B96ed4Dc36B1B5';
const ATOM = 'factory/inj17vytdwqczqz72j65saukplrktd4gyfme5agf6c/atom';
type MarketKey = keyof typeof TESTNET_IDS;

/**
 * In-memory stand-ins for every port of the engine, for one wallet `w1` with bot `b1` on inj-usdt
 * and bot `b2` on inj-usdt and atom-usdt (batch window 50 ms, breaker: 3 failures, 1 s cool-down).
 * They record what the engine did, in order, in `log`.
 */
export class FakeEngineParts {
  /** what the engine did, in order: `chain id`, `sequence load 7`, `submit …`, `report applied i1`, `settle i1 ack`, … */
  readonly log: string[] = [];
  readonly reports: ExecutionReport[] = [];
  readonly events: OrderEvent[] = [];
  /** orphans the next reconciliation returns for cancelling, per market */
  readonly orphans = new Map<string, string[]>();
  /** `orders:w1:<mk>` */
  readonly stored = new Map<string, StoredOrder[]>();
  /** how far ahead of the clock the stored reference ticks are stamped (0: now) */
  referenceAheadMs = 0;
  /** `md:book:<mk>`: the newest book seq the feed stored, per market (none: the clock bounds seqs) */
  readonly bookSeqs = new Map<string, number>();
  /** markets whose metadata read fails (delisted on the chain) */
  readonly failingMarkets = new Set<string>();
  /** what the chain parameters allow (undefined: not read) */
  venueLimits: VenueLimits | undefined = undefined;
  /** takeover attempts that fail to read the chain id */
  /** intents a tx applied, as the store remembers them */
  readonly appliedIntents = new Set<string>();
  /** what the node reports as its chain id */
  reportedChainId = 'injective-888';
  chainIdFailures = 0;
  /** what the runner answers when the tenure ends gracefully */
  cancelAllAtEnd = false;
  readonly submitter = new FakeTxSubmitter((line) => this.log.push(line));
  /** the wallet's daily fee budget */
  feeBudget: WalletFeeBudget = { dailyInj: new Dec(5), slowAtPct: 80 };
  /** `fees:w1` as last written */
  storedFees: StoredFees | undefined;
  readonly feeMeter = new FeeMeter('w1', 'inj', 18, Date.now());
  /** how many of the next Redis writes of orders, applied markers fail (as with the write rights revoked) */
  failingWrites = 0;
  readonly parts: EngineParts;
  readonly guard: TenureGuard;
  private readonly lease = new AbortController();
  private readonly desired = new Map<string, BotRunState>([
    ['b1', 'running'],
    ['b2', 'running'],
  ]);
  /** bots stopped in Redis whose `bot.state` message never arrived: the next resync finds them */
  private readonly unannouncedStops = new Set<string>();
  private sink: IntentSink | undefined;
  private listener: BotStateListener | undefined;

  constructor() {
    const bots: BotEntry[] = [
      { id: 'b1', wallet: 'w1', markets: ['inj-usdt'], params: {}, enabled: true },
      { id: 'b2', wallet: 'w1', markets: ['inj-usdt', 'atom-usdt'], params: {}, enabled: true },
    ];
    const markets = (Object.keys(TESTNET_IDS) as MarketKey[]).filter((k) => k !== 'inj-usdt-perp').map(marketPair);
    this.guard = {
      signal: this.lease.signal,
      assertActive: async () => {
        if (this.lease.signal.aborted) throw this.lease.signal.reason;
      },
      broadcastSignal: () => this.lease.signal,
    };
    const log = (line: string) => this.log.push(line);
    const sequence: { next: number | undefined } = { next: undefined };
    this.parts = {
      config: { markets },
      settings: settings(),
      wallet: { id: 'w1', wallet: walletFromPrivateKey('11'.repeat(32)) },
      chain: {
        network: networkSides('testnet', {}).trading.config,
        networkName: 'testnet',
        chainId: async () => {
          log('chain id');
          if (this.chainIdFailures-- > 0) throw new Error('node unreachable');
          return this.reportedChainId;
        },
        market: async (pair) => {
          log(`market ${pair.key}`);
          if (this.failingMarkets.has(pair.key)) throw new Error(`market ${pair.testnetMarketId} not found`);
          return testnetMarket(pair.key as MarketKey);
        },
      },
      fees: {
        load: async () => undefined,
        limits: () => this.venueLimits,
      },
      store: {
        ordersByMarket: async (keys) => new Map(keys.map((key) => [key, [...(this.stored.get(key) ?? [])]])),
        applyOrderChanges: async (changes) => {
          this.failWrite('orders');
          for (const [market, { upsert, remove }] of changes) {
            const kept = (this.stored.get(market) ?? []).filter((o) => !remove.includes(o.orderHash));
            this.stored.set(market, [...kept, ...upsert]);
          }
        },
        referencePrice: async (market) => ({ ...referenceTick(market), ts: Date.now() + this.referenceAheadMs }),
        tradingPrice: async () => undefined,
        newestBookSeqs: async (keys) => new Map(keys.flatMap((key) => (this.bookSeqs.has(key) ? [[key, this.bookSeqs.get(key)!] as const] : []))),
        markApplied: async (intents) => {
          this.failWrite('applied markers');
          for (const { id } of intents) this.appliedIntents.add(id);
        },
        appliedAmong: async (ids) => new Set(ids.filter((id) => this.appliedIntents.has(id))),
      },
      sequence: {
        get loaded() {
          return sequence.next !== undefined;
        },
        get next() {
          return sequence.next ?? 0;
        },
        load: async (token) => {
          log(`sequence load ${token}`);
          sequence.next = 42;
        },
        refresh: async () => void log('sequence refresh'),
        reset: () => {
          log('sequence reset');
          sequence.next = undefined;
        },
      },
      submitter: this.submitter,
      feeMeter: this.feeMeter,
      feeTracker: new WalletFeesTracker({
        meter: this.feeMeter,
        store: {
          fees: async () => this.storedFees,
          writeFees: async (fees) => {
            this.storedFees = fees;
          },
        },
        budget: () => this.feeBudget,
        available: () => undefined,
        reserve: new Dec(1),
        feeDenom: 'inj',
      }),
      outbox: new RedisWriteOutbox({ wallet: 'w1', maxAttempts: 5, backoffMs: 100, maxBackoffMs: 400 }),
      reporter: {
        report: async (report) => {
          log(`report ${report.outcome} ${report.intentIds.join(',')}`);
          this.reports.push(report);
        },
        orderEvents: async (events) => {
          for (const event of events) log(`event ${event.kind} ${event.cid ?? event.orderHash}`);
          this.events.push(...events);
        },
      },
      reconciler: {
        reconcile: async (keys) => {
          log(`reconcile ${[...keys.keys()].join(',')}`);
          const cancel = new Map(this.orphans);
          this.orphans.clear();
          return { cancel, adopted: 0, gone: 0, partlyFilled: 0, skipped: [] };
        },
      },
      account: {
        lastRead: balances(),
        available: async () => balances(),
        refresh: async (_markets, height) => {
          log(`balances ${height ?? 'latest'}`);
          return balances();
        },
        invalidate: () => undefined,
      },
      // every derivative market's mark at 10 (the fake's reference)
      marks: {
        marks: async (markets, keys) => new Map(keys.filter((k) => markets.get(k)?.type === 'derivative').map((k) => [k, new Dec(10)])),
        invalidate: () => undefined,
      },
      bots: {
        bots,
        bot: (id) => bots.find((b) => b.id === id),
        running: (id) => this.desired.get(id) === 'running',
        stopped: () => bots.filter((b) => this.desired.get(b.id) === 'stopped'),
        paramsOf: () => ({ configuredBaseSize: new Dec(1), configuredMaxNetPosition: new Dec(100), leverage: new Dec(1) }),
        load: async (listener) => {
          log('bots load');
          this.unannouncedStops.clear();
          this.listener = listener;
        },
        resync: async () => {
          log('bots resync');
          for (const id of this.unannouncedStops) this.listener!.botStopped(bots.find((b) => b.id === id)!);
          this.unannouncedStops.clear();
        },
        missingStates: () => ({}),
      },
      inbox: {
        start: async (sink) => {
          log('inbox start');
          this.sink = sink;
        },
        stop: async () => void log('inbox stop'),
        settle: (id, how) => void log(`settle ${id} ${how}`),
      },
      lifecycle: {
        transition: (state) => {
          log(`state ${state}`);
          return true;
        },
      },
    };
  }

  /** The lines of `log` that start with one of `prefixes`, in order. */
  logOf(...prefixes: string[]): string[] {
    return this.log.filter((line) => prefixes.some((p) => line.startsWith(p)));
  }

  /** An intent arrives from the queue. */
  deliver(intent: BatchIntent): void {
    this.sink!.intentReceived(intent);
  }

  /** The operator switches a bot to stopped. */
  stopBot(id: string): void {
    this.desired.set(id, 'stopped');
    this.listener!.botStopped(this.parts.bots.bot(id)!);
  }

  /** The bot is switched to stopped in Redis, but its `bot.state` message is lost (or sent while no executor listened). */
  stopBotSilently(id: string): void {
    this.desired.set(id, 'stopped');
    this.unannouncedStops.add(id);
  }

  /** Another process took the lease. */
  loseLease(): void {
    this.lease.abort(new LeaseLostError('the lease key names someone else'));
  }

  private failWrite(what: string): void {
    if (this.failingWrites <= 0) return;
    this.failingWrites -= 1;
    this.log.push(`write ${what} failed`);
    throw new Error(`NOPERM this user has no permissions to run the 'hset' command`);
  }
}

function marketPair(key: MarketKey): MarketPair {
  const id = TESTNET_IDS[key];
  return { key, type: 'spot', mainnetMarketId: id, testnetMarketId: id, referencePrice: 'mid', strategy: {}, enabled: true };
}

function referenceTick(market: string): PriceTick {
  return { v: 1, net: 'mainnet', role: 'reference', market, bid: null, ask: null, mid: '10', last: null, source: 'mid', height: 1, ts: Date.now(), seq: 1 };
}

function balances() {
  const available = new Map([
    [USDT, new Dec(10_000)],
    ['inj', new Dec(100)],
    [ATOM, new Dec(100)],
  ]);
  // no position on any derivative market
  const positions = new Map(Object.keys(TESTNET_IDS).filter((k) => k.endsWith('-perp')).map((k) => [k, new Dec(0)]));
  return { height: 100, readAt: Date.now(), available, positions };
}

function settings(): ExecutorSettings {
  return {
    walletId: 'w1',
    leaseTtlMs: 3000,
    sequenceRefreshMs: 30_000,
    sequenceMaxDrift: 2,
    sequenceRetryDelayMs: 100,
    reconcileIntervalMs: 60_000,
    marketRefreshMs: 600_000,
    botStateResyncMs: 3000,
    orphanPolicy: 'cancel',
    breakerFailures: 3,
    breakerCooldownMs: 1000,
    breakerMaxCooldownMs: 8000,
    limits: {
      bandPct: new Dec(10),
      movingBandPct: new Dec(50),
      marketMovingGapPct: new Dec(10),
      tradingPriceMaxAgeMs: 10_000,
      windowMs: 60_000,
      maxTakerNotional: new Dec(50_000),
      maxNetTakerNotional: new Dec(25_000),
      referenceMaxAgeMs: 120_000,
      maxOrderSizeMultiple: new Dec(10),
      maxOrderNotional: new Dec(1000),
      maxBatchNotional: new Dec(5000),
      gasReserve: new Dec(0),
    },
    maxOrdersPerTx: 20,
    maxActionsPerIntent: 20,
    txTimeoutBlocks: 20,
    batchWindowMs: 50,
    inclusionPollMs: 100,
    inclusionWaitMs: 60_000,
    gasMargin: '1.3',
    chainParamsRefreshMs: 60_000,
    cancelAllOnShutdown: false,
    allowMainnetTrading: false,
    shutdownTimeoutMs: 10_000,
    outboxCapacity: 1000,
  };
}
