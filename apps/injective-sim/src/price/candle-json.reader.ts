import { CandleParseError } from './candle-parse.error';
import type { CandleRow } from './candle.layout';

const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const ROW_SHAPE = 'a row [time, open, high, low, close, volume]';

/**
 * The rows of a JSON candle file, `[[time, open, high, low, close, volume, …], …]`. A scanner of
 * its own rather than `JSON.parse`: numbers keep their exact digits (a price never passes through
 * a float) and every row knows its line. Throws `CandleParseError` (JSON_SYNTAX) at the first
 * character that does not fit that shape.
 */
export function readJsonRows(text: string, file: string | null): CandleRow[] {
  const scan = new JsonScanner(text, file);
  const rows: CandleRow[] = [];
  scan.expect('[', 'a JSON array of rows');
  if (!scan.take(']')) {
    do rows.push(readRow(scan));
    while (scan.take(','));
    scan.expect(']', '"," or "]" after a row');
  }
  scan.expectEnd();
  return rows;
}

function readRow(scan: JsonScanner): CandleRow {
  const line = scan.lineAhead();
  scan.expect('[', ROW_SHAPE);
  const cells: (string | null)[] = [];
  if (!scan.take(']')) {
    do cells.push(scan.scalar(`element ${cells.length + 1}`));
    while (scan.take(','));
    scan.expect(']', '"," or "]" inside a row');
  }
  return { line, cells };
}

class JsonScanner {
  private pos = 0;
  private line = 1;

  constructor(
    private readonly text: string,
    private readonly file: string | null,
  ) {}

  /** The line of the next token. */
  lineAhead(): number {
    this.skipSpace();
    return this.line;
  }

  /** Consumes `char` when it comes next. */
  take(char: string): boolean {
    this.skipSpace();
    if (this.text[this.pos] !== char) return false;
    this.pos += 1;
    return true;
  }

  expect(char: string, expected: string): void {
    if (!this.take(char)) this.fail(null, expected);
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(null, 'the end of the file after the array');
  }

  /** A string's value, a number's digits, or null for `null`; true/false are refused. */
  scalar(column: string): string | null {
    this.skipSpace();
    const token = this.match(STRING) ?? this.match(NUMBER) ?? this.match(LITERAL);
    if (token === null || token === 'true' || token === 'false') {
      if (token !== null) this.pos -= token.length;
      this.fail(column, 'a number, a string or null');
    }
    if (token === 'null') return null;
    return token.startsWith('"') ? String(JSON.parse(token)) : token;
  }

  private match(pattern: RegExp): string | null {
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.text);
    if (!found) return null;
    this.pos += found[0].length;
    return found[0];
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) {
      if (this.text[this.pos] === '\n') this.line += 1;
      this.pos += 1;
    }
  }

  private fail(column: string | null, expected: string): never {
    const got = this.pos < this.text.length ? this.text.slice(this.pos, this.pos + 20).split(/\r?\n/)[0]! : null;
    throw new CandleParseError({ code: 'JSON_SYNTAX', line: this.line, column, expected, got }, this.file);
  }
}
