/** Public Injective chain nodes (LCD, chain gRPC): 20 requests/s per IP, HTTP 429 beyond. */
export const CHAIN_LCD_RATE_PER_SECOND = 20;
