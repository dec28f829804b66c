import { StrategyInputError } from './strategy-input.error';

const PREFIX = /^[A-Za-z0-9_-]{1,20}$/;

/**
 * Client order ids `<prefix>-<cycle base36>-<n base36>`: deterministic (a replayed cycle yields
 * the same ids), unique per prefix across cycles as long as the cycle index only grows, and at
 * most 36 characters (20 + 1 + 11 + 1 + 3 for any safe-integer cycle and < 46 656 orders). The
 * prefix should name the bot and market, e.g. `spotinj-injusdt`.
 */
export class CidSequence {
  private count = 0;
  private readonly stem: string;

  constructor(prefix: string, cycleIndex: number) {
    if (!PREFIX.test(prefix)) {
      throw new StrategyInputError('INVALID_CID_PREFIX', 'cidPrefix', 'must be 1–20 characters of [A-Za-z0-9_-]');
    }
    this.stem = `${prefix}-${cycleIndex.toString(36)}-`;
  }

  /** The next id of this cycle. */
  next(): string {
    return this.stem + (this.count++).toString(36);
  }
}
