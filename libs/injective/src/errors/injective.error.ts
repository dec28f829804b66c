/** Every stable error code libs/injective throws; branch on these, never on message text. */
export type InjectiveErrorCode =
  | 'SEQUENCE_MISMATCH'
  | 'INSUFFICIENT_FUNDS'
  | 'INSUFFICIENT_FEE'
  | 'OUT_OF_GAS'
  | 'TX_TIMEOUT_HEIGHT'
  | 'UNAUTHORIZED'
  | 'MEMPOOL_FULL'
  | 'TX_IN_MEMPOOL_CACHE'
  | 'TX_REJECTED'
  | 'RATE_LIMITED'
  | 'CHAIN_UNAVAILABLE'
  | 'MALFORMED_RESPONSE'
  | 'LCD_REQUEST_FAILED'
  | 'ACCOUNT_NOT_FOUND'
  | 'TX_NOT_INCLUDED'
  | 'INVALID_PRIVATE_KEY'
  | 'MAINNET_TRADING_REFUSED'
  | 'INVALID_ORDER_INPUT';

/** Base of every error libs/injective throws on purpose. */
export abstract class InjectiveError extends Error {
  /** stable, branch on this (or `instanceof`) rather than on the message */
  abstract readonly code: InjectiveErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
