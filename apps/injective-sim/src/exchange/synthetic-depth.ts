import type Decimal from 'decimal.js';
import type { Market } from '@mirrorbook/market';
import type { SeededRng } from '../price/seeded.rng';
import { depthLadder } from './depth.ladder';
import type { ExchangeEngine } from './exchange.engine';
import type { SimFill } from './exchange.port';
import { internalBatch, internalOrder } from './internal-order.factory';
import type { SyntheticDepthSettings } from './sim-exchange.config';

/** One "mainnet" market that gets synthetic depth. */
export interface SyntheticDepthTarget {
  readonly market: Market;
  settings: SyntheticDepthSettings;
  /** this market's own random stream */
  rng: SeededRng;
}

/**
 * The internal market maker of the "mainnet" markets: every block it cancels its orders and
 * places a fresh ladder around the price process, so each mainnet book's mid tracks the price.
 * Orders go through the normal batch path (validation, holds, matching) under its own subaccount,
 * which `SimExchange` keeps funded.
 */
export class SyntheticDepth {
  constructor(
    private readonly engine: ExchangeEngine,
    private readonly subaccountId: string,
    private readonly targets: readonly SyntheticDepthTarget[],
  ) {}

  /**
   * Changes the shape of a mainnet market's synthetic depth from the next block on (the fields
   * given replace the current ones); returns the settings now in force, or undefined for a market
   * without synthetic depth.
   */
  reshape(marketId: string, update: Partial<SyntheticDepthSettings>): SyntheticDepthSettings | undefined {
    const target = this.targets.find((t) => t.market.id === marketId);
    if (!target) return undefined;
    target.settings = { ...target.settings, ...update };
    return target.settings;
  }

  /** Replaces the ladder of every enabled target; returns the fills the new orders caused. */
  refresh(height: number, priceOf: (marketId: string) => Decimal | undefined): SimFill[] {
    const fills: SimFill[] = [];
    for (const { market, settings, rng } of this.targets) {
      if (!settings.enabled) continue;
      const price = priceOf(market.id);
      if (!price) continue;
      const orders = depthLadder(market, price, settings, rng).map((o) => internalOrder(market, o.side, o.price, o.quantity));
      fills.push(...this.engine.applyBatch(internalBatch(market, this.subaccountId, orders, true), height).fills);
    }
    return fills;
  }
}
