import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';
import type { PreTradeLimits } from '../settings/executor.settings';
import type { TradingPrice } from './pre-trade.context';

const HUNDRED = new Dec(100);

/** The band in force on a market and the testnet gap it was measured from (null: none measured). */
export interface PriceBand {
  /** percent either side of the reference */
  readonly pct: Decimal;
  /** |testnet mid − reference| / reference, percent; null when no fresh testnet price was read */
  readonly measuredGapPct: Decimal | null;
  readonly widened: boolean;
}

/**
 * The band around the reference `price` must keep, from the executor's settings and the testnet
 * price it read itself (never an intent's declared phase): `bandPct`, or, when the measured gap
 * exceeds `marketMovingGapPct` and `price` lies on the testnet mid's side of the reference,
 * gap + `bandPct` capped by `movingBandPct` — so orders that pull a mispriced book back can reach
 * it, and no further. Pure.
 */
export function priceBandOf(limits: PreTradeLimits, reference: Decimal, trading: TradingPrice | undefined, now: number, price: Decimal): PriceBand {
  const fresh = trading !== undefined && now - trading.ts <= limits.tradingPriceMaxAgeMs;
  const measuredGapPct = fresh ? trading.mid.sub(reference).abs().div(reference).mul(HUNDRED) : null;
  const normal = { pct: limits.bandPct, measuredGapPct, widened: false };
  if (measuredGapPct === null || measuredGapPct.lte(limits.marketMovingGapPct)) return normal;
  if (price.sub(reference).isNegative() !== trading!.mid.sub(reference).isNegative()) return normal;
  const pct = Dec.max(limits.bandPct, Dec.min(measuredGapPct.add(limits.bandPct), limits.movingBandPct));
  return { pct, measuredGapPct, widened: pct.gt(limits.bandPct) };
}

/**
 * Whether a create may take liquidity: post-only never does; otherwise it is counted as taking
 * unless a fresh testnet price shows it does not cross the opposite best price. Pure.
 */
export function mayTake(
  action: { side: 'buy' | 'sell'; price: string; postOnly: boolean },
  trading: TradingPrice | undefined,
  now: number,
  maxAgeMs: number,
): boolean {
  if (action.postOnly) return false;
  if (trading === undefined || now - trading.ts > maxAgeMs) return true;
  const opposite = action.side === 'buy' ? trading.ask : trading.bid;
  if (opposite === null) return false;
  const price = new Dec(action.price);
  return action.side === 'buy' ? price.gte(opposite) : price.lte(opposite);
}
