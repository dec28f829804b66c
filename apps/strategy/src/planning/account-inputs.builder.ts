import type Decimal from 'decimal.js';
import type { StoredBalances, StoredFees, StoredOrder, StoredPositions } from '@mirrorbook/contracts';
import { Dec, type Market } from '@mirrorbook/market';
import type { OwnOrder, SpotBalances } from '@mirrorbook/strategy-core';

/** What the executor keeps in Redis about one wallet, as read for one market. */
export interface StoredAccount {
  /** the wallet's open orders on the market (`orders:<wallet>:<mk>`) */
  readonly orders: readonly StoredOrder[];
  /** `balances:<wallet>`; undefined until the executor wrote it */
  readonly balances: StoredBalances | undefined;
  /** `positions:<wallet>`; undefined until the executor wrote it */
  readonly positions: StoredPositions | undefined;
  /** `fees:<wallet>`: the gas reserve no order may hold; undefined until the executor wrote it */
  readonly fees?: Pick<StoredFees, 'feeDenom' | 'reserveInj'>;
}

/** The account part of a `PlanCycleInput`. */
export interface AccountInputs {
  readonly ownOrders: OwnOrder[];
  /** spot: available base and quote */
  readonly balances?: SpotBalances;
  /** derivatives: signed net position, contracts */
  readonly position?: Decimal;
}

/**
 * The bot's open orders and its wallet's spot balances or derivative position, from what the
 * executor stored (pure). Undefined while the needed key is missing: the strategy does not plan
 * blind. A denom or market absent from a stored record is zero (the executor lists only what
 * the chain reports). The executor's gas reserve is taken off the fee denom (never below zero), so
 * a plan never counts on the INJ the wallet's fees are paid from.
 */
export function accountInputs(market: Market, marketKey: string, account: StoredAccount): AccountInputs | undefined {
  const ownOrders = account.orders.map(
    (o): OwnOrder => ({ orderHash: o.orderHash, side: o.side, price: o.price, quantity: o.quantity, createdAtMs: o.createdAt, height: o.height }),
  );
  if (market.type === 'spot') {
    if (!account.balances) return undefined;
    const stored = account.balances.balances;
    const reserve = (denom: string) => (account.fees?.feeDenom === denom ? new Dec(account.fees.reserveInj) : new Dec(0));
    const available = (denom: string | null) => (denom === null ? new Dec(0) : Dec.max(new Dec(stored[denom]?.available ?? '0').sub(reserve(denom)), 0));
    return { ownOrders, balances: { base: available(market.baseDenom), quote: available(market.quoteDenom) } };
  }
  if (!account.positions) return undefined;
  return { ownOrders, position: new Dec(account.positions.positions[marketKey]?.quantity ?? '0') };
}
