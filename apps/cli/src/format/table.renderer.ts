import Table from 'cli-table3';

/** One column of a human table. */
export interface Column<Row> {
  readonly header: string;
  /** numbers read best right-aligned */
  readonly align?: 'left' | 'right';
  readonly value: (row: Row) => string;
}

const BORDERLESS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/**
 * A borderless, aligned table (`kubectl get` style) without colours, so it reads the same in a
 * terminal, a pipe and a log. Returns the text without a trailing newline; `empty` when there
 * are no rows.
 */
export function renderTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[], empty = '(none)'): string {
  if (rows.length === 0) return empty;
  const table = new Table({
    head: columns.map((c) => c.header),
    colAligns: columns.map((c) => c.align ?? 'left'),
    chars: BORDERLESS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const row of rows) table.push(columns.map((c) => c.value(row)));
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** `key: value` lines with the values aligned. */
export function renderFacts(facts: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...facts.map(([key]) => key.length));
  return facts.map(([key, value]) => `${`${key}:`.padEnd(width + 1)} ${value}`).join('\n');
}
