/**
 * Inclusive price-index bounds for new orders of one plan. Indices count price ticks
 * (price = k × priceTick); a missing bound is ±Infinity.
 */
export interface PriceLimits {
  /** strictly below / above the reference: every new order stays on its own side of it */
  readonly reference: { readonly bidMax: number; readonly askMin: number };
  /** strictly inside the bot's remaining own orders: no self-crossing */
  readonly own: { readonly bidMax: number; readonly askMin: number };
  /** strictly inside the testnet book after this plan's cancels: a post-only order would be rejected otherwise */
  readonly book: { readonly bidMax: number; readonly askMin: number };
  /** ceil(best bid / tick) after this plan's cancels: the best price a taking sell can fill at */
  readonly bestBidCeil: number;
}
