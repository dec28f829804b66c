/** The fields of a candle in the order of a file without a header (and of a JSON row). */
export const CANDLE_FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

export type CandleField = (typeof CANDLE_FIELDS)[number];

/** One row of a candle file before it is read as a candle: its line and its cells as text. */
export interface CandleRow {
  /** 1-based line the row starts on */
  readonly line: number;
  /** each cell as written (a number's own digits, a string's value); null for a JSON null */
  readonly cells: readonly (string | null)[];
}

/** Where each field sits in a row, and how error messages name its column. */
export interface CandleLayout {
  /** 0-based cell index of each field */
  readonly index: Readonly<Record<CandleField, number>>;
  /** e.g. `column 2 "Open"` */
  readonly label: Readonly<Record<CandleField, string>>;
}

/** The layout of rows without a header: the fields in `CANDLE_FIELDS` order, `what` 1, 2, … */
export function positionalLayout(what: 'column' | 'element'): CandleLayout {
  const entries = CANDLE_FIELDS.map((field, i) => [field, i, `${what} ${i + 1} (${field})`] as const);
  return {
    index: Object.fromEntries(entries.map(([field, i]) => [field, i])) as Record<CandleField, number>,
    label: Object.fromEntries(entries.map(([field, , label]) => [field, label])) as Record<CandleField, string>,
  };
}
