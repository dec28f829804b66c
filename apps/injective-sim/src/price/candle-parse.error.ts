/** Stable codes of `CandleParseError`; branch on these, not on the message. */
export type CandleParseErrorCode =
  | 'UNREADABLE'
  | 'EMPTY'
  | 'JSON_SYNTAX'
  | 'HEADER'
  | 'COLUMN_COUNT'
  | 'BAD_TIMESTAMP'
  | 'NOT_A_NUMBER'
  | 'NOT_POSITIVE'
  | 'NEGATIVE_VOLUME'
  | 'HIGH_LOW_RANGE'
  | 'TIMESTAMP_ORDER';

/** Where and why a candle file is unusable. */
export interface CandleParseProblem {
  /** stable reason code */
  readonly code: CandleParseErrorCode;
  /** 1-based line number in the file as an editor shows it, 0 for the file as a whole */
  readonly line: number;
  /** the column as the file names it (`column 2 "open"`, `element 1 (time)`), null for the file or a whole row */
  readonly column: string | null;
  /** what that place should hold, e.g. `a decimal number` */
  readonly expected: string;
  /** what it holds instead, as written (shortened), or null when nothing is there */
  readonly got: string | null;
}

const MAX_SHOWN = 40;

/**
 * A candle file is unusable. The message is one line: `<file>:<line>: <column>: expected …, got …`,
 * fit to print as it is when a process refuses to start.
 */
export class CandleParseError extends Error {
  override readonly name = 'CandleParseError';
  readonly code: CandleParseErrorCode;
  readonly line: number;
  readonly column: string | null;
  readonly expected: string;
  readonly got: string | null;

  constructor(
    problem: CandleParseProblem,
    /** the file as named by the caller, `null` when parsing text that has no file */
    readonly file: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(describe(problem, file), options);
    ({ code: this.code, line: this.line, column: this.column, expected: this.expected, got: this.got } = problem);
  }
}

function describe(p: CandleParseProblem, file: string | null): string {
  const where = [file ?? 'candle file', p.line > 0 ? String(p.line) : null].filter((s) => s !== null).join(':');
  const column = p.column === null ? '' : ` ${p.column}:`;
  const got = p.got === null ? 'nothing' : JSON.stringify(shorten(p.got));
  return `${where}:${column} expected ${p.expected}, got ${got}`;
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}
