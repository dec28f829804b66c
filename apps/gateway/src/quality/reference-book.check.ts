import type { BookSnapshot } from '@mirrorbook/contracts';
import { bestPrices } from '@mirrorbook/market';

/** Why a schema-valid `md.refbook.<mk>` book cannot be measured against. */
export type ReferenceBookProblem = 'not-reference' | 'market-mismatch' | 'crossed-book';

/**
 * What is wrong with a reference book received for `market`, or null when it can be used: it must
 * say `role: 'reference'`, name the market of its subject (or key) and not be crossed (best bid
 * at or above best ask: no mid to track, no spread to compare).
 */
export function referenceBookProblem(book: BookSnapshot, market: string): ReferenceBookProblem | null {
  if (book.role !== 'reference') return 'not-reference';
  if (book.market !== market) return 'market-mismatch';
  const { bestBid, bestAsk } = bestPrices(book);
  return bestBid !== null && bestAsk !== null && bestBid.gte(bestAsk) ? 'crossed-book' : null;
}
