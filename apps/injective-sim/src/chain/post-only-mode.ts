import type { SimBlockRules } from '../exchange/exchange.port';

/**
 * injective-core `IsPostOnlyMode` (exchange keeper, params.go): the exchange is in post-only mode
 * while `post_only_mode_height_threshold` lies above the height of the block being executed, so
 * the block at the threshold height is the first normal one.
 */
export function isPostOnlyModeAt(threshold: number, height: number): boolean {
  return threshold > height;
}

/** The threshold that keeps the next `blocks` blocks after `latestHeight` in post-only mode. */
export function postOnlyThresholdFor(latestHeight: number, blocks: number): number {
  return latestHeight + blocks + 1;
}

/** The rules the exchange judges a block's messages by. */
export function blockRulesAt(threshold: number, height: number): SimBlockRules {
  return { postOnlyMode: isPostOnlyModeAt(threshold, height) };
}
