/**
 * Why an order of a batch was not created: the chain's exchange-module error code
 * (`ChainExchangeModuleErrorCode` in injective-ts, codespace `exchange`) and a stable reason text.
 * The chain side reports these per failed cid; clients should branch on `code`.
 * MIN_NOTIONAL and CID_EXISTS use the generic "failed to validate order" code 1 here (the chain's
 * newer dedicated codes are not mirrored).
 */
export const ORDER_FAILURES = {
  SPOT_MARKET_NOT_FOUND: { code: 2, reason: 'spot market not found' },
  DERIVATIVE_MARKET_NOT_FOUND: { code: 27, reason: 'derivative market not found' },
  PRICE_NOT_POSITIVE: { code: 16, reason: 'price must be positive' },
  PRICE_OFF_TICK: { code: 16, reason: 'price must be a multiple of the minimum price tick size' },
  QUANTITY_NOT_POSITIVE: { code: 17, reason: 'quantity must be positive' },
  QUANTITY_OFF_TICK: { code: 17, reason: 'quantity must be a multiple of the minimum quantity tick size' },
  MIN_NOTIONAL: { code: 1, reason: "order notional is below the market's minimum notional" },
  CID_EXISTS: { code: 1, reason: 'client order id already exists' },
  INVALID_MARGIN: { code: 36, reason: 'invalid margin' },
  INSUFFICIENT_MARGIN: { code: 26, reason: 'order has insufficient margin' },
  // injective-core wraps its insufficient-margin error ("Buy/Sell MarkPriceThreshold Check: mark/trigger
  // price … must be GTE/LTE …", types/v2/derivative_orders.go); mirrored under the order-margin code
  MARK_PRICE_THRESHOLD: { code: 26, reason: 'order has insufficient margin: the mark price is beyond the order\'s mark price threshold' },
  // a market without a valid mark price reads as not found (CreateDerivativeLimitOrder)
  NO_MARK_PRICE: { code: 27, reason: 'active derivative market with a valid mark price not found' },
  POSITION_NOT_FOUND: { code: 28, reason: 'position not found' },
  REDUCE_ONLY_DIRECTION: { code: 29, reason: 'position direction does not oppose the reduce-only order' },
  POSITION_QUANTITY: { code: 8, reason: 'position quantity insufficient for order' },
  POST_ONLY_CROSS: { code: 59, reason: 'post-only order would cross' },
  // ErrPostOnlyMode: market orders while post_only_mode_height_threshold > block height
  POST_ONLY_MODE: { code: 96, reason: 'exchange is in post-only mode: cannot create market orders' },
  INSUFFICIENT_DEPOSIT: { code: 6, reason: 'subaccount has insufficient deposits' },
} as const satisfies Record<string, { code: number; reason: string }>;

/** Key of `ORDER_FAILURES`. */
export type OrderFailureKind = keyof typeof ORDER_FAILURES;
