import type Decimal from 'decimal.js';
import type { Side } from '@mirrorbook/market';

/** A resting limit order inside the sim's book (mutable: fills shrink it). */
export interface BookOrder {
  readonly hash: string;
  readonly cid: string;
  readonly marketId: string;
  readonly subaccountId: string;
  readonly side: Side;
  /** quote per base, on the market's tick */
  readonly price: Decimal;
  /** price in ticks: exact integer key for fast comparisons */
  readonly key: bigint;
  /** quantity as placed, base units (contracts) */
  readonly quantity: Decimal;
  /** what is left to fill */
  fillable: Decimal;
  /** derivatives: margin as placed, quote units; spot: null */
  readonly margin: Decimal | null;
  /** derivatives: margin still held for `fillable`, quote units */
  marginHeld: Decimal;
  readonly reduceOnly: boolean;
  /** global arrival order: time priority among equal prices */
  readonly seq: number;
  readonly createdHeight: number;
}
