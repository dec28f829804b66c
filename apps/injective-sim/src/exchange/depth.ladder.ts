import type Decimal from 'decimal.js';
import { Dec, minQuantityForNotional, roundPrice, roundQuantity, type Market, type Side } from '@mirrorbook/market';
import type { SeededRng } from '../price/seeded.rng';
import type { DepthLadderSettings } from './sim-exchange.config';

/** One order of a ladder, on the market's ticks and above its minimum notional. */
export interface LadderOrder {
  side: Side;
  /** quote per base */
  price: Decimal;
  /** base units (contracts) */
  quantity: Decimal;
}

/**
 * Resting depth around `reference`: level i of each side sits `spread/2 × levelGrowth^i` away
 * from it (bids rounded down, asks up, never two levels on one tick), with
 * `baseQuantity × sizeGrowth^i × (1 ± sizeJitter)` base units, lifted to the minimum notional.
 * Bids first (best first), then asks; bids that would fall to zero are left out.
 */
export function depthLadder(market: Market, reference: Decimal, settings: DepthLadderSettings, rng: SeededRng): LadderOrder[] {
  const bids: LadderOrder[] = [];
  const asks: LadderOrder[] = [];
  const half = new Dec(settings.spread).div(2);
  const growth = new Dec(settings.levelGrowth);
  const sizeGrowth = new Dec(settings.sizeGrowth);
  const base = new Dec(settings.baseQuantity);
  let lastBid: Decimal | null = null;
  let lastAsk: Decimal | null = null;
  for (let i = 0; i < settings.levelsPerSide; i++) {
    const offset = half.mul(growth.pow(i));
    const size = base.mul(sizeGrowth.pow(i));
    // draw both jitters every level so the stream does not depend on which bids fit
    const bidJitter = rng.uniform(1 - settings.sizeJitter, 1 + settings.sizeJitter);
    const askJitter = rng.uniform(1 - settings.sizeJitter, 1 + settings.sizeJitter);

    const bidTarget = reference.mul(new Dec(1).sub(offset));
    let bid = bidTarget.gt(0) ? roundPrice(market, 'buy', bidTarget) : new Dec(0);
    if (lastBid && bid.gte(lastBid)) bid = lastBid.sub(market.priceTick);
    if (bid.gt(0)) {
      bids.push({ side: 'buy', price: bid, quantity: sized(market, bid, size.mul(bidJitter)) });
      lastBid = bid;
    }

    let ask = roundPrice(market, 'sell', reference.mul(offset.add(1)));
    if (lastAsk && ask.lte(lastAsk)) ask = lastAsk.add(market.priceTick);
    asks.push({ side: 'sell', price: ask, quantity: sized(market, ask, size.mul(askJitter)) });
    lastAsk = ask;
  }
  return [...bids, ...asks];
}

function sized(market: Market, price: Decimal, quantity: Decimal): Decimal {
  return Dec.max(roundQuantity(market, quantity), minQuantityForNotional(market, price));
}
