import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';

/** Taker notional accepted on one market within the window, quote units. */
export interface TakerUsage {
  /** sum of |notional| */
  readonly gross: Decimal;
  /** buys − sells */
  readonly net: Decimal;
}

interface TakerEntry {
  readonly market: string;
  readonly at: number;
  /** buys positive, sells negative */
  readonly signedNotional: Decimal;
}

/**
 * The notional of the orders that may take liquidity the executor accepted per market over the
 * last `windowMs` (docs/architecture.md#pre-trade-checks). Counted when the checks accept an order,
 * whether or not its tx lands (over-counting only makes the caps stricter). The caller passes the
 * clock. Kept in memory: a new lease holder starts with an empty window.
 */
export class TakerWindow {
  private entries: TakerEntry[] = [];

  constructor(private readonly windowMs: number) {}

  usage(market: string, now: number): TakerUsage {
    this.prune(now);
    let gross = new Dec(0);
    let net = new Dec(0);
    for (const e of this.entries) {
      if (e.market !== market) continue;
      gross = gross.add(e.signedNotional.abs());
      net = net.add(e.signedNotional);
    }
    return { gross, net };
  }

  record(market: string, signedNotional: Decimal, now: number): void {
    this.entries.push({ market, at: now, signedNotional });
  }

  private prune(now: number): void {
    const from = now - this.windowMs;
    if (this.entries.length > 0 && this.entries[0].at <= from) this.entries = this.entries.filter((e) => e.at > from);
  }
}
