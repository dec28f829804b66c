import { payloadAgeMs, type BookSnapshot } from '@mirrorbook/contracts';

/**
 * The mainnet book the staircase may mirror (docs/architecture.md#depth-curve): the stored
 * `md:refbook:<mk>` when it is the market's reference book and at most `maxAgeMs` old (a `ts` from
 * further ahead than the clock skew is invalid); otherwise undefined, and the planner falls back
 * to the configured tiers.
 */
export function freshReferenceBook(book: BookSnapshot | undefined, marketKey: string, nowMs: number, maxAgeMs: number): BookSnapshot | undefined {
  if (!book || book.role !== 'reference' || book.market !== marketKey) return undefined;
  const age = payloadAgeMs(book.ts, nowMs);
  return age !== undefined && age <= maxAgeMs ? book : undefined;
}
