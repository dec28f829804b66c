export type StrategyInputErrorCode =
  /** the reference price is not a finite number > 0 */
  | 'INVALID_REFERENCE'
  /** the cid prefix is empty, too long for a 36-char cid, or has other than [A-Za-z0-9_-] */
  | 'INVALID_CID_PREFIX'
  /** the cycle state's index or stage is not a non-negative safe integer */
  | 'INVALID_CYCLE'
  /** a spot market was planned without available balances */
  | 'MISSING_BALANCES'
  /** a derivative market was planned without the net position */
  | 'MISSING_POSITION'
  /** a price or size is too many ticks away from zero to plan with exact integer ticks */
  | 'OUT_OF_RANGE';

/** Planning input the strategy core cannot plan from; a caller bug or bad data, never transient. */
export class StrategyInputError extends Error {
  override readonly name = 'StrategyInputError';

  constructor(
    /** stable, branch on this rather than on the message */
    readonly code: StrategyInputErrorCode,
    /** which input was wrong, e.g. `cidPrefix` or `reference.price` */
    readonly field: string,
    /** why, for logs */
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
