import type Decimal from 'decimal.js';
import type { Market, Side } from '@mirrorbook/market';

/** A spot limit order to place, human units. */
export interface SpotOrderCreate {
  /** must be a spot market */
  readonly market: Market;
  readonly side: Side;
  /** post-only (BUY_PO / SELL_PO): rejected instead of crossing the book */
  readonly postOnly: boolean;
  /** quote units per base unit, on the market's price tick, at most 18 decimals */
  readonly price: Decimal;
  /** base units, on the market's quantity tick, at most 18 decimals */
  readonly quantity: Decimal;
  /** client order id, at most 36 characters; echoed in the tx result and open orders */
  readonly cid?: string;
}

/** A derivative limit order to place, human units. */
export interface DerivativeOrderCreate extends Omit<SpotOrderCreate, 'market'> {
  /** must be a derivative market */
  readonly market: Market;
  /**
   * reduce-only: closes part of a position and carries no margin (`margin` and `leverage` must
   * be absent)
   */
  readonly reduceOnly?: boolean;
  /** quote units to lock; give exactly one of `margin` and `leverage` unless reduce-only */
  readonly margin?: Decimal;
  /** margin = price × quantity ÷ leverage, rounded up to the quote asset's decimals */
  readonly leverage?: Decimal;
}

/** An order to cancel, by hash or by client order id (exactly one). */
export interface OrderCancel {
  readonly marketId: string;
  /** 0x + 64 hex digits */
  readonly orderHash?: string;
  readonly cid?: string;
}

/** Everything one `MsgBatchUpdateOrders` does for one subaccount. Lists default to empty. */
export interface BatchUpdateOrdersInput {
  /** sender, `inj1…`; also the fee recipient of the created orders */
  readonly injectiveAddress: string;
  /** subaccount that places and cancels, 0x + 64 hex digits */
  readonly subaccountId: string;
  readonly spotCreates?: readonly SpotOrderCreate[];
  readonly derivativeCreates?: readonly DerivativeOrderCreate[];
  readonly spotCancels?: readonly OrderCancel[];
  readonly derivativeCancels?: readonly OrderCancel[];
  /** spot market ids whose every order of the subaccount is cancelled */
  readonly spotCancelAll?: readonly string[];
  /** derivative market ids whose every order of the subaccount is cancelled */
  readonly derivativeCancelAll?: readonly string[];
}
