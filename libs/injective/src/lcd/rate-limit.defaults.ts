/** Public Injective chain nodes (LCD, chain gRPC): 20 requests/s per IP, HTTP 429 beyond. */
export const CHAIN_LCD_RATE_PER_SECOND = 20;

/** Public Injective indexer endpoints: 50 requests/s per IP. */
export const INDEXER_RATE_PER_SECOND = 50;
