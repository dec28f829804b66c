import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CandleParseError } from './candle-parse.error';
import { loadCandleFiles, readCandleFile } from './candle.loader';

describe('readCandleFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mb-candles-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  const refusal = (path: string): CandleParseError => {
    try {
      readCandleFile(path);
    } catch (error) {
      if (error instanceof CandleParseError) return error;
      throw error;
    }
    throw new Error('expected a CandleParseError');
  };

  it('returns the candles of a good file', () => {
    const path = write('btc.csv', 'timestamp,open,high,low,close,volume\n2021-12-31 23:01:00.000000,46200.5,46250,46190,46210.25,3.5\n');
    expect(readCandleFile(path).map((c) => [c.timeMs, c.close.toFixed()])).toEqual([[Date.UTC(2021, 11, 31, 23, 1), '46210.25']]);
  });

  it('names the file, line, column and expectation of a bad one in one line', () => {
    const path = write('btc.csv', 'timestamp,open,high,low,close,volume\n2021-12-31 23:01:00,1,2,1,x,3\n');
    const error = refusal(path);
    expect({ file: error.file, line: error.line, column: error.column, expected: error.expected }).toEqual({ file: path, line: 2, column: 'column 5 "close"', expected: 'a decimal number' });
    expect(error.message).toBe(`${path}:2: column 5 "close": expected a decimal number, got "x"`);
  });

  it('refuses a file it cannot read as UNREADABLE, with the reason', () => {
    const path = join(dir, 'missing.csv');
    const error = refusal(path);
    expect({ code: error.code, line: error.line, message: error.message }).toEqual({ code: 'UNREADABLE', line: 0, message: `${path}: expected a readable file, got "ENOENT"` });
  });

  it('reads each file once however many pairs name it (loadCandleFiles)', () => {
    const path = write('inj.json', '[[1700000000, "25", "25.5", "24.5", "25.2", "10"]]');
    const loaded = loadCandleFiles([path, path]);
    expect([...loaded.keys()]).toEqual([path]);
    expect(loaded.get(path)!.map((c) => c.open.toFixed())).toEqual(['25']);
  });
});

describe('the recorded series under docs/fidelity', () => {
  // one trading day of one-minute bars of CSI 300 index futures (IFL8, CFFEX), 2023-12-04, from the
  // npm package hqchart 1.1.15808 (Apache-2.0): docs/fidelity/README.md, "Recorded series"
  const file = resolve(__dirname, '../../../../docs/fidelity/ifl8-cffex-1m-2023-12-04.csv');

  it('reads as 240 one-minute candles, 09:31 to 15:00 China time (UTC+8), lunch break skipped', () => {
    const candles = readCandleFile(file);
    expect(candles).toHaveLength(240);
    expect(new Date(candles[0]!.timeMs).toISOString()).toBe('2023-12-04T01:31:00.000Z');
    expect(new Date(candles.at(-1)!.timeMs).toISOString()).toBe('2023-12-04T07:00:00.000Z');
    // the morning session ends at 11:30, the afternoon one starts at 13:01
    expect(new Date(candles[119]!.timeMs).toISOString()).toBe('2023-12-04T03:30:00.000Z');
    expect(new Date(candles[120]!.timeMs).toISOString()).toBe('2023-12-04T05:01:00.000Z');
    const [first, last] = [candles[0]!, candles.at(-1)!];
    expect([first.open, first.high, first.low, first.close, first.volume].map((d) => d.toFixed())).toEqual(['3485', '3488.2', '3481.2', '3485', '1932']);
    expect([last.open, last.high, last.low, last.close, last.volume].map((d) => d.toFixed())).toEqual(['3459.4', '3460.4', '3458.4', '3458.4', '695']);
  });
});
