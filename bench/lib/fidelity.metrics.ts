import {
  bestPrices,
  bookSpread,
  Dec,
  depthWithin as bookDepthWithin,
  midPrice,
  olpRuleFor,
  qualitySample,
  rollingBookQuality,
  twoSidedUptime as olpTwoSidedUptime,
  type DecimalValue,
  type OlpRule,
  type OwnOrder,
  type QualitySample,
  type RollingBookQuality,
} from '@mirrorbook/market';

/**
 * Market-fidelity metrics over snapshots of a testnet book and the mainnet book it mirrors
 * (`npm run fidelity`). Pure. Each snapshot is one libs/market `qualitySample` (tracking error,
 * spread ratio, depth ratio per band, OLP two-sided uptime: the definitions the gateway publishes
 * on `md.quality.<mk>`), and the run's figures are `rollingBookQuality` over the whole run; books
 * are measured in exact decimals and a figure becomes a JS number only where it is reported. Prices in quote units per base unit, quantities in
 * base units, notionals in quote units, spreads and errors in basis points.
 */

/** One resting order or aggregated price level: a Decimal or a decimal string (a number is accepted). */
export interface Quote {
  /** quote units per base unit */
  price: DecimalValue;
  /** base units */
  quantity: DecimalValue;
}

/** What one snapshot saw, at one height. */
export interface FidelitySnapshot {
  height: number;
  /** ms since epoch (or any monotonic ms clock): the weights of time-weighted figures */
  t: number;
  /** the mainnet (reference) mid; null when the reference book had an empty side */
  mainnetMid: number | null;
  /** testnet book levels, bids best first and asks best first */
  bids: Quote[];
  asks: Quote[];
  /** the mainnet book the testnet one mirrors */
  mainnetBids: Quote[];
  mainnetAsks: Quote[];
  /** the bot's own open orders on the testnet market (OLP uptime counts a maker's own quotes) */
  ownBids: Quote[];
  ownAsks: Quote[];
}

/**
 * Best bid, best ask and mid of a book (libs/market `bestPrices`, `midPrice`), as numbers for the
 * report; null where a side is empty.
 */
export function topOfBook(bids: readonly Quote[], asks: readonly Quote[]): { bid: number | null; ask: number | null; mid: number | null } {
  const { bestBid, bestAsk } = bestPrices({ bids, asks });
  const mid = midPrice({ bids, asks });
  return { bid: bestBid && bestBid.toNumber(), ask: bestAsk && bestAsk.toNumber(), mid: mid && mid.toNumber() };
}

/** |a − b| / b in basis points. */
export function gapBps(a: number, b: number): number {
  return (Math.abs(a - b) / b) * 10_000;
}

/** Tracking error of the testnet mid against the mainnet mid. */
export interface TrackingError {
  /** root mean square of |testnet mid − mainnet mid| / mainnet mid, bps, over snapshots with both mids */
  rmsBps: number;
  maxBps: number;
  /** snapshots with both mids (the RMS and max are over these) */
  samples: number;
  /** snapshots where either mid was missing (an empty side): not in the RMS, reported apart */
  missing: number;
}

/**
 * RMS and max of |testnet mid − mainnet mid| in bps (libs/market `trackingErrorBps`, the RMS of
 * `rollingBookQuality`); NaN when no snapshot had both mids.
 */
export function trackingError(snapshots: readonly FidelitySnapshot[]): TrackingError {
  const errors = samplesOf(snapshots, null).flatMap((s) => (s.quality.trackingErrorBps === null ? [] : [s.quality.trackingErrorBps]));
  if (errors.length === 0) return { rmsBps: Number.NaN, maxBps: Number.NaN, samples: 0, missing: snapshots.length };
  const rms = runQuality(snapshots, null).trackingErrorRmsBps!;
  return { rmsBps: rms.toNumber(), maxBps: Dec.max(...errors).toNumber(), samples: errors.length, missing: snapshots.length - errors.length };
}

/** The bot's own orders of a snapshot, as libs/market's OLP uptime reads them. */
export function ownOrders(s: FidelitySnapshot): OwnOrder[] {
  return [...s.ownBids.map((q) => ({ ...q, side: 'buy' as const })), ...s.ownAsks.map((q) => ({ ...q, side: 'sell' as const }))];
}

// measures no uptime when no rule is given: orders null
const NO_RULE: OlpRule = olpRuleFor('none');

/**
 * One libs/market `qualitySample` per snapshot: depth ratios against mainnet × `depthScale` (the
 * share of mainnet depth the bot is meant to carry; default 1), uptime under `rule` (unknown without one).
 */
export function samplesOf(snapshots: readonly FidelitySnapshot[], rule: OlpRule | null, depthScale: DecimalValue = 1): QualitySample[] {
  return snapshots.map((s) =>
    qualitySample({ testnet: s, mainnet: { bids: s.mainnetBids, asks: s.mainnetAsks }, orders: rule ? ownOrders(s) : null, rule: rule ?? NO_RULE, depthScale, ts: s.t }),
  );
}

/**
 * The run's book quality: libs/market `rollingBookQuality` over one window from the first
 * snapshot to the last one's end, the last snapshot holding for the median interval (as
 * `snapshotWeights` weighs it); depth ratios against mainnet × `depthScale`.
 */
export function runQuality(snapshots: readonly FidelitySnapshot[], rule: OlpRule | null, depthScale: DecimalValue = 1): RollingBookQuality {
  const weights = snapshotWeights(snapshots);
  const first = snapshots[0]?.t ?? 0;
  const end = (snapshots.at(-1)?.t ?? 0) + (weights.at(-1) ?? 1);
  return rollingBookQuality(samplesOf(snapshots, rule, depthScale), end, Math.max(1, end - first));
}

/**
 * The weight of each snapshot: the time until the next one. The last snapshot has no next: it
 * gets the median of the other intervals (one snapshot alone weighs 1).
 */
export function snapshotWeights(snapshots: readonly { t: number }[]): number[] {
  if (snapshots.length === 0) return [];
  if (snapshots.length === 1) return [1];
  const gaps = snapshots.slice(1).map((s, i) => Math.max(0, s.t - snapshots[i]!.t));
  const sorted = [...gaps].sort((a, b) => a - b);
  return [...gaps, sorted[Math.floor(sorted.length / 2)]!];
}

/** Time-weighted spread of the testnet book. */
export interface WeightedSpread {
  /** Σ spread × weight / Σ weight over snapshots with both sides, bps of the mid */
  bps: number;
  /** share of the time (by weight) with an empty side, when no spread exists; 0..1 */
  oneSidedShare: number;
}

/**
 * Time-weighted spread (best ask − best bid) / mid in bps, each snapshot weighted by the time
 * until the next; snapshots with an empty side carry no spread and are reported as their share of
 * the time.
 */
export function timeWeightedSpread(snapshots: readonly FidelitySnapshot[]): WeightedSpread {
  const weights = snapshotWeights(snapshots);
  let sum = 0;
  let weighted = 0;
  let oneSided = 0;
  let total = 0;
  snapshots.forEach((s, i) => {
    const w = weights[i]!;
    total += w;
    const spread = bookSpread(s);
    if (spread === null) {
      oneSided += w;
      return;
    }
    sum += spread.bps.toNumber() * w;
    weighted += w;
  });
  return { bps: weighted === 0 ? Number.NaN : sum / weighted, oneSidedShare: total === 0 ? 0 : oneSided / total };
}

/**
 * Quote notional (Σ price × quantity) resting within `pct` percent of `centre` on each side: the
 * levels priced in [centre × (1 − pct/100), centre × (1 + pct/100)], edges included (libs/market
 * `depthWithin`), as numbers for the report.
 */
export function depthWithin(bids: readonly Quote[], asks: readonly Quote[], centre: DecimalValue, pct: DecimalValue): { bid: number; ask: number } {
  const depth = bookDepthWithin({ bids, asks }, centre, pct);
  return { bid: depth.bids.quoteNotional.toNumber(), ask: depth.asks.quoteNotional.toNumber() };
}

/** Mean depth per side within each band, over the snapshots that have a centre. */
export function meanDepth(
  snapshots: readonly FidelitySnapshot[],
  bandsPct: readonly number[],
  centreOf: (s: FidelitySnapshot) => number | null = (s) => s.mainnetMid,
  book: (s: FidelitySnapshot) => { bids: Quote[]; asks: Quote[] } = (s) => s,
): { pct: number; bid: number; ask: number }[] {
  return bandsPct.map((pct) => {
    let bid = new Dec(0);
    let ask = new Dec(0);
    let n = 0;
    for (const s of snapshots) {
      const centre = centreOf(s);
      if (centre === null) continue;
      const d = bookDepthWithin(book(s), centre, pct);
      bid = bid.add(d.bids.quoteNotional);
      ask = ask.add(d.asks.quoteNotional);
      n++;
    }
    return { pct, bid: n ? bid.div(n).toNumber() : Number.NaN, ask: n ? ask.div(n).toNumber() : Number.NaN };
  });
}

/** Settings of the two-sided uptime rule (Injective's Open Liquidity Program). */
export interface UptimeRule {
  /** largest distance of a counted quote from the mid, bps; OLP: 100 (50 for BTC and ETH perps) */
  maxSpreadBps: DecimalValue;
  /** smallest notional (quote units) */
  minDepth: DecimalValue;
}

/** Two-sided uptime over a run, under both OLP rules. */
export interface Uptime {
  /** share of the run's time (0..1) with two-sided uptime, aggregate rule: each side's orders within MaxSpread sum to MinDepth */
  aggregate: number;
  /** the same under OLP's per-order rule: one order a side is itself at least MinDepth */
  perOrder: number;
  /** snapshots that were up, per rule */
  qualifying: number;
  qualifyingPerOrder: number;
  snapshots: number;
}

/**
 * Two-sided uptime in the sense of Injective's Open Liquidity Program: libs/market
 * `twoSidedUptime` of the bot's own orders around the testnet mid at each snapshot (no mid: not
 * up), time-weighted over the run by `rollingBookQuality`.
 */
export function twoSidedUptime(snapshots: readonly FidelitySnapshot[], rule: UptimeRule): Uptime {
  const olp: OlpRule = { maxSpreadBps: new Dec(rule.maxSpreadBps), minDepth: new Dec(rule.minDepth) };
  const { uptimePct } = runQuality(snapshots, olp);
  const up = snapshots.map((s) => olpTwoSidedUptime(ownOrders(s), midPrice(s), olp));
  const share = (pct: RollingBookQuality['trackingErrorRmsBps']) => (pct === null ? Number.NaN : pct.div(100).toNumber());
  return {
    aggregate: share(uptimePct.aggregate),
    perOrder: share(uptimePct.perOrder),
    qualifying: up.filter((u) => u.aggregate).length,
    qualifyingPerOrder: up.filter((u) => u.perOrder).length,
    snapshots: snapshots.length,
  };
}

/**
 * The notional the bot holds within `maxSpreadBps` of the testnet mid on its thinner side
 * (min of the two sides; 0 without a mid): the largest aggregate MinDepth this snapshot meets.
 */
export function twoSidedDepth(snapshot: FidelitySnapshot, maxSpreadBps: number): number {
  const mid = midPrice(snapshot);
  if (mid === null) return 0;
  const own = bookDepthWithin({ bids: snapshot.ownBids, asks: snapshot.ownAsks }, mid, new Dec(maxSpreadBps).div(100));
  return Dec.min(own.bids.quoteNotional, own.asks.quoteNotional).toNumber();
}
