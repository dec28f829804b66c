/** What the guard remembers of one (market, side)'s heights. */
export interface HeightGuardState {
  /** highest height accepted so far; null before the first */
  readonly accepted: number | null;
  /** a lower height seen repeatedly (a restarted chain or a node that fell back), and how often */
  readonly candidate: { readonly height: number; readonly seen: number } | null;
}

export type HeightVerdict = 'accept' | 'regressed' | 'rebased';

export const INITIAL_HEIGHT_GUARD: HeightGuardState = { accepted: null, candidate: null };

/**
 * A height below the accepted one is refused — a lagging node behind a load balancer answers
 * from the past. But if `rebaseAfter` reads in a row agree on a new, lower lineage (each at or
 * above the previous one), the chain itself went back (a restarted sim, a reset devnet): the
 * guard adopts it rather than refusing forever.
 */
export function observeHeight(
  state: HeightGuardState,
  height: number,
  rebaseAfter: number,
): { state: HeightGuardState; verdict: HeightVerdict } {
  if (state.accepted === null || height >= state.accepted) {
    return { state: { accepted: height, candidate: null }, verdict: 'accept' };
  }
  const seen = state.candidate && height >= state.candidate.height ? state.candidate.seen + 1 : 1;
  if (seen >= rebaseAfter) return { state: { accepted: height, candidate: null }, verdict: 'rebased' };
  return { state: { accepted: state.accepted, candidate: { height, seen } }, verdict: 'regressed' };
}
