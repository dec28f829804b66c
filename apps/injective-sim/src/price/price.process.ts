import type Decimal from 'decimal.js';
import { Dec, roundPrice, type Market } from '@mirrorbook/market';
import type { PriceProcessSettings } from '../exchange/sim-exchange.config';
import type { Candle } from './candle.parser';
import { replayPrice } from './candle.replay';
import type { SeededRng } from './seeded.rng';

/** One market's process as `PriceProcess` is given it. */
export interface PriceProcessEntry {
  market: Market;
  settings: PriceProcessSettings;
  /** this market's own random stream */
  rng: SeededRng;
  /** the parsed candles when `settings.mode` is `replay` */
  candles?: readonly Candle[];
}

interface State {
  readonly entry: PriceProcessEntry;
  /** unrounded level the walk continues from, so tick rounding never sticks the walk */
  level: Decimal;
  /** blocks stepped since the start */
  steps: number;
  /** the published price: `level` rounded to the market's tick, at least one tick */
  price: Decimal;
}

/**
 * The simulated "mainnet" price of each market given: a geometric random walk with jumps
 * (log return per block = drift − σ²/2 + σ·N(0,1), plus N(0, jumpSigma) with the jump
 * probability), or a replay of candles advancing one candle per `blocksPerCandle` blocks.
 * Published prices are on the market's price tick and never below one tick. Deterministic: the
 * same entries and the same calls give the same prices.
 */
export class PriceProcess {
  private readonly states = new Map<string, State>();

  constructor(entries: readonly PriceProcessEntry[]) {
    for (const entry of entries) {
      const level = startLevel(entry);
      this.states.set(entry.market.id, { entry, level, steps: 0, price: publish(entry.market, level) });
    }
  }

  /** Market ids this process prices. */
  marketIds(): string[] {
    return [...this.states.keys()];
  }

  /** The current price of `marketId` (quote per base, on tick), or undefined if not priced here. */
  price(marketId: string): Decimal | undefined {
    return this.states.get(marketId)?.price;
  }

  /** Advances every market by one block. */
  step(): void {
    for (const state of this.states.values()) {
      state.steps++;
      state.level = nextLevel(state);
      state.price = publish(state.entry.market, state.level);
    }
  }

  /**
   * Forces the price of `marketId` (for tests and demos). A random walk continues from it; a
   * replay returns to the recording at the next step. Throws for an unknown market or a price ≤ 0.
   */
  setPrice(marketId: string, price: Decimal.Value): void {
    const state = this.states.get(marketId);
    if (!state) throw new RangeError(`no price process for market ${marketId}`);
    const level = new Dec(price);
    if (!level.isFinite() || level.lte(0)) throw new RangeError(`price must be > 0, got ${level.toString()}`);
    state.level = level;
    state.price = publish(state.entry.market, level);
  }
}

function startLevel(entry: PriceProcessEntry): Decimal {
  if (entry.settings.mode === 'replay') return new Dec(replayCandles(entry)[0]!.open);
  return new Dec(entry.settings.startPrice);
}

function nextLevel(state: State): Decimal {
  const { settings, rng } = state.entry;
  if (settings.mode === 'replay') {
    const replay = settings.replay!;
    return new Dec(replayPrice(replayCandles(state.entry), state.steps, replay.blocksPerCandle, replay.loop));
  }
  const sigma = settings.volatilityPerBlock;
  let logReturn = settings.driftPerBlock - (sigma * sigma) / 2 + sigma * rng.normal();
  if (rng.chance(settings.jumpProbabilityPerBlock)) logReturn += rng.normal(0, settings.jumpSigma);
  // exp in decimal arithmetic: the same result wherever the sim runs
  return state.level.mul(new Dec(logReturn).exp());
}

function replayCandles(entry: PriceProcessEntry): readonly Candle[] {
  if (!entry.candles || entry.candles.length === 0) {
    throw new RangeError(`market ${entry.market.ticker} (${entry.market.id}) replays candles but none were loaded`);
  }
  return entry.candles;
}

function publish(market: Market, level: Decimal): Decimal {
  const rounded = roundPrice(market, 'buy', level);
  return rounded.lt(market.priceTick) ? new Dec(market.priceTick) : rounded;
}
