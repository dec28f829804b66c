import type Decimal from 'decimal.js';
import { Dec, minQuantityForNotional, roundPrice, roundQuantity, type Market, type Side } from '@mirrorbook/market';
import type { SeededRng } from '../price/seeded.rng';
import type { ExchangeEngine } from './exchange.engine';
import { NORMAL_BLOCK_RULES, type SimBlockRules, type SimFill, type SimOrderToCreate } from './exchange.port';
import { internalBatch, internalOrder } from './internal-order.factory';
import type { SyntheticTakersSettings } from './sim-exchange.config';

/** One "testnet" market that gets synthetic takers. */
export interface SyntheticTakersTarget {
  market: Market;
  settings: SyntheticTakersSettings;
  /** this market's own random stream */
  rng: SeededRng;
}

/**
 * Paper traders on the "testnet" markets: each block a Poisson(`lambdaPerBlock`) number of them
 * send a marketable limit order (buy or sell 50/50, size uniform in [minQuantity, maxQuantity],
 * limit `slippage` through the best opposite price) from one of the funded internal taker
 * subaccounts. Whatever does not fill rests, like a real paper trader's leftover.
 * Derivative takers post 1× margin (margin = notional).
 */
export class SyntheticTakers {
  constructor(
    private readonly engine: ExchangeEngine,
    private readonly subaccountIds: readonly string[],
    private readonly targets: readonly SyntheticTakersTarget[],
  ) {
    if (subaccountIds.length === 0) throw new RangeError('SyntheticTakers needs at least one subaccount');
  }

  /** Sends this block's taker orders under the block's `rules`; returns their fills. */
  run(height: number, rules: SimBlockRules = NORMAL_BLOCK_RULES): SimFill[] {
    const fills: SimFill[] = [];
    for (const target of this.targets) {
      const { market, settings, rng } = target;
      if (settings.lambdaPerBlock <= 0) continue;
      const arrivals = rng.poisson(settings.lambdaPerBlock);
      for (let i = 0; i < arrivals; i++) {
        const side: Side = rng.chance(0.5) ? 'buy' : 'sell';
        const draw = rng.next();
        const subaccountId = this.subaccountIds[rng.int(this.subaccountIds.length)]!;
        const order = this.takerOrder(target, side, draw);
        if (!order) continue;
        const batch = internalBatch(market, subaccountId, [order], false);
        fills.push(...this.engine.applyBatch(batch, height, rules).fills);
      }
    }
    return fills;
  }

  private takerOrder(target: SyntheticTakersTarget, side: Side, draw: number): SimOrderToCreate | null {
    const { market, settings } = target;
    const best = this.engine.bestPrice(market.id, side === 'buy' ? 'sell' : 'buy');
    if (!best) return null;
    const price = limitPrice(market, side, best, settings.slippage);
    const min = new Dec(settings.minQuantity);
    const max = Dec.max(min, settings.maxQuantity);
    const wanted = roundQuantity(market, min.add(max.sub(min).mul(draw)));
    const quantity = Dec.max(wanted, minQuantityForNotional(market, price));
    return internalOrder(market, side, price, quantity, price.mul(quantity));
  }
}

function limitPrice(market: Market, side: Side, best: Decimal, slippage: number): Decimal {
  if (side === 'buy') return roundPrice(market, 'sell', best.mul(1 + slippage));
  const price = roundPrice(market, 'buy', best.mul(1 - slippage));
  return price.gt(0) ? price : new Dec(market.priceTick);
}
