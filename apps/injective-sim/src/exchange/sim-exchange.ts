import type Decimal from 'decimal.js';
import { Dec, toDecimalString, type Market } from '@mirrorbook/market';
import type { Candle } from '../price/candle.parser';
import { MarkOracle, type MarkSetting, type MarkState } from '../price/mark.oracle';
import { PriceProcess } from '../price/price.process';
import { SeededRng } from '../price/seeded.rng';
import { ExchangeEngine, type ExchangeSnapshot } from './exchange.engine';
import type {
  ExchangePort,
  SimBatch,
  SimBatchResult,
  SimBlockRules,
  SimDeposit,
  SimFill,
  SimOpenOrder,
  SimPosition,
  SimPriceLevel,
} from './exchange.port';
import { NORMAL_BLOCK_RULES } from './exchange.port';
import { pairSettings } from './pair-settings.resolver';
import { simExchangeConfigSchema, type SimExchangeConfig, type SimExchangeConfigInput, type SyntheticDepthSettings } from './sim-exchange.config';
import { SyntheticDepth } from './synthetic-depth';
import { SyntheticTakers } from './synthetic-takers';
import { seedTestnetBook } from './testnet-book.seeder';

/** What `SimExchange` is built from. */
export interface SimExchangeOptions {
  /** every market the sim serves, "mainnet" and "testnet" instances (distinct ids) */
  markets: readonly Market[];
  /** raw or parsed; parsed (again) with `simExchangeConfigSchema`, which throws a ZodError on bad values */
  config?: SimExchangeConfigInput;
  /** seed used when `config.seed` is absent (e.g. the sim's top-level seed); default "mirrorbook" */
  seed?: string | number;
  /** parsed candle files keyed by `price.replay.file` (see `loadCandleFiles`); needed by replay pairs */
  candles?: ReadonlyMap<string, readonly Candle[]>;
}

/** `SimExchange.snapshot()`: the engine's state plus the price of every mainnet market. */
export interface SimExchangeSnapshot extends ExchangeSnapshot {
  /** marketId → price process price, decimal string */
  prices: Record<string, string>;
}

/**
 * The sim's exchange module behind `ExchangePort`: order books with price-time matching,
 * deposits and positions (`ExchangeEngine`), a "mainnet" price process per mainnet market, a
 * synthetic market maker keeping every mainnet book around that price, synthetic takers on the
 * testnet markets, and the configured initial state of each testnet book (placed at height 0
 * during construction, together with the first mainnet ladder).
 *
 * A pair is the mainnet and the testnet market with the same type and ticker; its settings come
 * from `config.pairs` (by ticker or market key) over `config.defaults`. Deterministic: equal
 * options and equal calls give equal state.
 */
export class SimExchange implements ExchangePort {
  private readonly engine: ExchangeEngine;
  private readonly config: SimExchangeConfig;
  private readonly prices: PriceProcess;
  private readonly oracle: MarkOracle;
  private readonly depth: SyntheticDepth;
  private readonly takers: SyntheticTakers;
  /** testnet market id → mainnet market id of the same pair */
  private readonly mainnetOf = new Map<string, string>();
  private readonly internalIds: string[];
  private readonly denoms: string[];
  private blockFills: SimFill[] = [];

  constructor(options: SimExchangeOptions) {
    this.config = simExchangeConfigSchema.parse(options.config ?? {});
    this.engine = new ExchangeEngine(options.markets, { markPrice: (id) => this.markPrice(id) });
    const root = new SeededRng(this.config.seed ?? options.seed ?? 'mirrorbook');
    const mainnet = options.markets.filter((m) => m.network === 'mainnet');
    const testnet = options.markets.filter((m) => m.network === 'testnet');
    for (const m of testnet) {
      const pair = mainnet.find((x) => x.type === m.type && x.ticker === m.ticker);
      if (pair) this.mainnetOf.set(m.id, pair.id);
    }

    this.prices = new PriceProcess(
      mainnet.map((market) => {
        const settings = pairSettings(this.config, market.ticker).price;
        const candles = settings.mode === 'replay' ? options.candles?.get(settings.replay!.file) : undefined;
        return { market, settings, rng: root.fork(`price:${market.id}`), candles };
      }),
    );
    this.oracle = new MarkOracle(
      testnet
        .filter((market) => market.type === 'derivative')
        .map((market) => {
          const settings = pairSettings(this.config, market.ticker);
          const start = new Dec(settings.price.startPrice);
          return { market, settings: settings.oracle, rng: root.fork(`oracle:${market.id}`), reference: () => this.referencePrice(market.id) ?? start };
        }),
    );
    const internal = this.config.internal;
    const takerIds = Array.from({ length: internal.takerCount }, (_, i) => `0x${internal.takerAddress}${i.toString(16).padStart(24, '0')}`);
    this.internalIds = [internal.marketMaker, internal.legacy, ...takerIds];
    this.denoms = [...new Set(options.markets.flatMap((m) => (m.baseDenom ? [m.baseDenom, m.quoteDenom] : [m.quoteDenom])))];
    this.fundInternal();

    this.depth = new SyntheticDepth(
      this.engine,
      internal.marketMaker,
      mainnet.map((market) => ({ market, settings: pairSettings(this.config, market.ticker).depth, rng: root.fork(`depth:${market.id}`) })),
    );
    this.takers = new SyntheticTakers(
      this.engine,
      takerIds,
      testnet.map((market) => ({ market, settings: pairSettings(this.config, market.ticker).takers, rng: root.fork(`takers:${market.id}`) })),
    );

    this.depth.refresh(0, (id) => this.prices.price(id));
    for (const market of testnet) {
      const state = pairSettings(this.config, market.ticker).testnetInitial;
      const reference = this.referencePrice(market.id) ?? new Dec(pairSettings(this.config, market.ticker).price.startPrice);
      seedTestnetBook(this.engine, market, reference, state, internal.legacy, root.fork(`legacy:${market.id}`), 0);
    }
  }

  markets(): Market[] {
    return this.engine.markets();
  }

  market(marketId: string): Market | undefined {
    return this.engine.market(marketId);
  }

  /** Cancel-all lists, then cancels by hash/cid, then creates (spot, then derivative). */
  applyBatch(batch: SimBatch, height: number, rules: SimBlockRules = NORMAL_BLOCK_RULES): SimBatchResult {
    return this.engine.applyBatch(batch, height, rules);
  }

  /**
   * Price step → synthetic mainnet depth refresh → synthetic testnet takers. The takers trade on
   * the sim's chain and obey its post-only mode; the mainnet depth stands for another chain's
   * book and does not.
   */
  onBlock(height: number, rules: SimBlockRules = NORMAL_BLOCK_RULES): void {
    this.prices.step();
    this.oracle.step();
    this.fundInternal();
    const fills = this.depth.refresh(height, (id) => this.prices.price(id));
    fills.push(...this.takers.run(height, rules));
    this.blockFills = fills;
  }

  orderbook(marketId: string, limit: number): { buys: SimPriceLevel[]; sells: SimPriceLevel[] } {
    return this.engine.orderbook(marketId, limit);
  }

  bookSequence(marketId: string): number {
    return this.engine.bookSequence(marketId);
  }

  openOrders(marketId: string, subaccountId: string): SimOpenOrder[] {
    return this.engine.openOrders(marketId, subaccountId);
  }

  deposits(subaccountId: string): Map<string, SimDeposit> {
    return this.engine.deposits(subaccountId);
  }

  positions(subaccountId: string): SimPosition[] {
    return this.engine.positions(subaccountId);
  }

  credit(subaccountId: string, denom: string, amount: Decimal): void {
    this.engine.credit(subaccountId, denom, amount);
  }

  debit(subaccountId: string, denom: string, amount: Decimal): boolean {
    return this.engine.debit(subaccountId, denom, amount);
  }

  /**
   * The price process price of a mainnet market, or of the mainnet market paired with a testnet
   * market (what an oracle / mark price would show); undefined when there is none.
   */
  referencePrice(marketId: string): Decimal | undefined {
    return this.prices.price(this.mainnetOf.get(marketId) ?? marketId);
  }

  /**
   * The mark price of a derivative market: a testnet market's own oracle (null while unset), a
   * mainnet market's price process price; undefined for a spot market or one without a price.
   */
  markPrice(marketId: string): Decimal | null | undefined {
    if (this.oracle.has(marketId)) return this.oracle.mark(marketId);
    if (this.engine.market(marketId)?.type !== 'derivative') return undefined;
    return this.referencePrice(marketId);
  }

  /** Sets how a testnet derivative market's mark moves (follow, fixed, none); throws RangeError for another market. */
  setMark(marketId: string, setting: MarkSetting): MarkState {
    return this.oracle.set(marketId, setting);
  }

  /** Forces the price process of a mainnet market (or of the one paired with a testnet market). */
  setPrice(marketId: string, price: Decimal.Value): void {
    this.prices.setPrice(this.mainnetOf.get(marketId) ?? marketId, price);
  }

  /** Reshapes the synthetic depth of a mainnet market (or of the one paired with a testnet market); undefined when it has none. */
  setDepth(marketId: string, update: Partial<SyntheticDepthSettings>): SyntheticDepthSettings | undefined {
    return this.depth.reshape(this.mainnetOf.get(marketId) ?? marketId, update);
  }

  /** Fills caused by the last `onBlock` (synthetic depth crossing resting orders, takers). */
  lastBlockFills(): SimFill[] {
    return this.blockFills;
  }

  /** Subaccounts the sim trades with itself (market maker, legacy, takers); a UI may hide them. */
  internalSubaccounts(): string[] {
    return [...this.internalIds];
  }

  /** The whole state as JSON-ready data; equal for equal histories. */
  snapshot(): SimExchangeSnapshot {
    const prices: Record<string, string> = {};
    for (const id of this.prices.marketIds()) prices[id] = toDecimalString(this.prices.price(id)!);
    return { ...this.engine.snapshot(), prices };
  }

  /** Tops every internal subaccount up to `internal.funding` of each denom: effectively unlimited. */
  private fundInternal(): void {
    const funding = new Dec(this.config.internal.funding);
    for (const sub of this.internalIds) {
      for (const denom of this.denoms) {
        const available = this.engine.available(sub, denom);
        if (available.lt(funding.div(2))) this.engine.credit(sub, denom, funding.sub(available));
      }
    }
  }
}
