import type Decimal from 'decimal.js';
import { depthBand, sideDepth, type PriceLevel } from './book.metrics';
import { Dec, type DecimalValue } from './decimal.config';
import type { Side } from './market.model';
import { parseTicker } from './ticker.parser';

// Two-sided uptime after Injective's Open Liquidity Program: at a snapshot, a maker is "up" when
// it quotes enough close to the mid on both sides. OLP's own rule counts single orders; the
// aggregate rule (the sum of a side's orders) is what a ladder of small orders can meet.

/** One of the bot's own resting orders. */
export interface OwnOrder extends PriceLevel {
  readonly side: Side;
}

/** The two OLP thresholds. */
export interface OlpRule {
  /** largest distance of a counted order from the mid, bps of the mid (edges included) */
  readonly maxSpreadBps: Decimal;
  /** smallest notional (price × quantity), quote units */
  readonly minDepth: Decimal;
}

/** Whether a snapshot counts as two-sided uptime under each rule. */
export interface TwoSidedUptime {
  /** each side's orders within MaxSpread sum to at least MinDepth */
  readonly aggregate: boolean;
  /** each side has one order within MaxSpread that is itself at least MinDepth */
  readonly perOrder: boolean;
}

/** OLP's MinDepth default, quote units. */
export const OLP_MIN_DEPTH = '4000';

const TIGHT_PERP_BASES = new Set(['BTC', 'ETH']);

/**
 * The OLP thresholds of a market, from its key (`btc-usdt-perp`) or ticker (`BTC/USDT PERP`):
 * MaxSpread 50 bps for the BTC and ETH perpetuals, 100 bps for every other market; MinDepth
 * `OLP_MIN_DEPTH`.
 */
export function olpRuleFor(marketKeyOrTicker: string): OlpRule {
  const { base, perpetual } = baseAndKind(marketKeyOrTicker);
  const tight = perpetual && TIGHT_PERP_BASES.has(base);
  return { maxSpreadBps: new Dec(tight ? 50 : 100), minDepth: new Dec(OLP_MIN_DEPTH) };
}

/**
 * Two-sided uptime of the bot's own orders around `mid` under both rules; not up (both false)
 * without a mid. Throws `InvalidAmountError` for a mid that is not > 0 or an unusable order.
 */
export function twoSidedUptime(orders: readonly OwnOrder[], mid: DecimalValue | null, rule: OlpRule): TwoSidedUptime {
  if (mid === null) return { aggregate: false, perOrder: false };
  const band = depthBand(mid, new Dec(rule.maxSpreadBps).div(100));
  const notionals = (side: Side): Decimal[] => orders.filter((o) => o.side === side).map((o) => sideDepth([o], band).quoteNotional);
  const [bids, asks] = [notionals('buy'), notionals('sell')];
  const sum = (values: Decimal[]): Decimal => values.reduce((a, b) => a.add(b), new Dec(0));
  return {
    aggregate: sum(bids).gte(rule.minDepth) && sum(asks).gte(rule.minDepth),
    perOrder: bids.some((n) => n.gte(rule.minDepth)) && asks.some((n) => n.gte(rule.minDepth)),
  };
}

function baseAndKind(marketKeyOrTicker: string): { base: string; perpetual: boolean } {
  const ticker = parseTicker(marketKeyOrTicker);
  if (ticker) return { base: ticker.base.toUpperCase(), perpetual: /\sPERP\b/i.test(marketKeyOrTicker) };
  const tokens = marketKeyOrTicker.toUpperCase().split('-');
  return { base: tokens[0] ?? '', perpetual: tokens.at(-1) === 'PERP' };
}
