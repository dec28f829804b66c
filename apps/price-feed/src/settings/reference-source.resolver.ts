import type { MarketPair } from '@mirrorbook/config';

/** How the feed derives a reference price; `last` is not among them (see `resolveReferenceSource`). */
export type ReferenceSource = 'mid' | 'mark';

/** The source in force for a pair, and why it differs from the configured one when it does. */
export interface ResolvedReferenceSource {
  readonly source: ReferenceSource;
  /** set when the configured `referencePrice` could not be honoured */
  readonly note?: string;
}

/**
 * `mid` is the mid of the mainnet top of book. `mark` is the derivative market's oracle mark
 * price (`mark_price` of the chain's FullDerivativeMarket); a spot market has none, so it falls
 * back to mid. The chain LCD has no last-traded-price query (trades live in the indexer, which
 * is gRPC-web only), so `last` falls back to mid too.
 */
export function resolveReferenceSource(pair: Pick<MarketPair, 'key' | 'type' | 'referencePrice'>): ResolvedReferenceSource {
  if (pair.referencePrice === 'mid') return { source: 'mid' };
  if (pair.referencePrice === 'mark') {
    if (pair.type === 'derivative') return { source: 'mark' };
    return { source: 'mid', note: `${pair.key}: referencePrice "mark" needs a derivative market; using mid` };
  }
  return { source: 'mid', note: `${pair.key}: referencePrice "last" has no chain LCD query; using mid` };
}
