import type Decimal from 'decimal.js';
import type { Side } from '@mirrorbook/market';

/** One of the bot's resting orders on the market, as the executor keeps them (`orders:<wallet>:<mk>`). */
export interface OwnOrder {
  /** chain order hash, 0x + 64 hex digits */
  readonly orderHash: string;
  readonly side: Side;
  /** quote units per base unit */
  readonly price: Decimal | string;
  /** remaining (unfilled) quantity, base units (contracts for derivatives) */
  readonly quantity: Decimal | string;
  /** when it was placed, ms since epoch */
  readonly createdAtMs: number;
  /** derivatives: a reduce-only order (counts against the position, not the position cap) */
  readonly reduceOnly?: boolean;
  /** the block that included it, when the executor knows it */
  readonly height?: number | null;
}

/** An own order measured against the reference. */
export interface AssessedOwnOrder {
  readonly order: OwnOrder;
  /** quote units per base unit */
  readonly price: Decimal;
  /** base units */
  readonly quantity: Decimal;
  /** |price − reference|, percent of the reference */
  readonly distancePct: Decimal;
  /** true for a bid at or above the reference, or an ask at or below it */
  readonly wrongSide: boolean;
  /** nowMs − createdAtMs, never negative */
  readonly ageMs: number;
}
