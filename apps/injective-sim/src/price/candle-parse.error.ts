/** Stable codes of `CandleParseError`; branch on these, not on the message. */
export type CandleParseErrorCode =
  | 'EMPTY'
  | 'COLUMN_COUNT'
  | 'NOT_A_NUMBER'
  | 'NOT_POSITIVE'
  | 'NEGATIVE_VOLUME'
  | 'HIGH_LOW_RANGE'
  | 'TIMESTAMP_ORDER';

/** A candle file row is unusable; `line` is 1-based as an editor shows it. */
export class CandleParseError extends Error {
  override readonly name = 'CandleParseError';

  constructor(
    /** stable reason code */
    readonly code: CandleParseErrorCode,
    /** 1-based line number in the file, 0 for the file as a whole */
    readonly line: number,
    /** what is wrong, for logs and operators */
    readonly detail: string,
  ) {
    super(line > 0 ? `candle file line ${line}: ${detail}` : `candle file: ${detail}`);
  }
}
