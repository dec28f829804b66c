import { bookQuality, type BookSides } from '@mirrorbook/market';

/**
 * Whether the mainnet book changed shape enough to replan on it: its spread or the cumulative
 * depth of one of its bands (each side) moved by more than `tolerance` of what it was (the book
 * quality measure, `bookQuality`, of the new book against the old). A book with one side missing
 * either time counts as changed. Each new mainnet book otherwise differs a little (levels come and
 * go), and a replan on each would cost a tx whenever a band sits near the edge of its tolerance.
 */
export function mainnetBookShifted(before: BookSides, after: BookSides, tolerance: number): boolean {
  const q = bookQuality(after, before);
  if (q.spreadRatio === null) return true;
  if (q.spreadRatio.sub(1).abs().gt(tolerance)) return true;
  return q.depth.some((band) => [band.ratio.bids, band.ratio.asks].some((r) => r !== null && r.sub(1).abs().gt(tolerance)));
}
