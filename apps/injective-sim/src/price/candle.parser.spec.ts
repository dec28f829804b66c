import { CandleParseError } from './candle-parse.error';
import { parseCandles, type Candle } from './candle.parser';

// 2021-12-31T23:01:00Z and the minute after, ms since the epoch
const T1 = 1_640_991_660_000;
const T2 = T1 + 60_000;

function rows(candles: Candle[]): (string | number)[][] {
  return candles.map((c) => [c.timeMs, c.open.toFixed(), c.high.toFixed(), c.low.toFixed(), c.close.toFixed(), c.volume.toFixed()]);
}

function parseError(text: string): CandleParseError {
  try {
    parseCandles(text, 'prices.csv');
  } catch (error) {
    if (error instanceof CandleParseError) return error;
    throw error;
  }
  throw new Error('expected a CandleParseError');
}

const EXPECTED = [
  [T1, '21.05', '21.3', '20.9', '21.1', '1532.5'],
  [T2, '21.1', '21.15', '21', '21.01', '0'],
];

describe('parseCandles', () => {
  describe('when the file is a CSV in one of the accepted shapes', () => {
    it.each([
      ['epoch seconds, no header', '1640991660,21.05,21.30,20.90,21.10,1532.5\n1640991720,21.10,21.15,21.00,21.01,0'],
      ['epoch milliseconds, no header, extra columns', '1640991660000,21.05,21.30,20.90,21.10,1532.5,1640991719999\n1640991720000,21.10,21.15,21.00,21.01,0,1640991779999'],
      ['ISO 8601 under a header', 'timestamp,open,high,low,close,volume\n2021-12-31T23:01:00Z,21.05,21.30,20.90,21.10,1532.5\n2021-12-31T23:02:00Z,21.10,21.15,21.00,21.01,0'],
      ['space-separated times with microseconds', 'date,open,high,low,close,volume\n2021-12-31 23:01:00.000000,21.05,21.30,20.90,21.10,1532.5\n2021-12-31 23:02:00.000000,21.10,21.15,21.00,21.01,0'],
      [
        'a header in another order, other case, quotes and extra columns',
        'Symbol,"Close",Volume,Low,High,Open,Open Time\nINJUSDT,21.10,1532.5,20.90,21.30,21.05,1640991660000\nINJUSDT,21.01,0,21.00,21.15,21.10,1640991720000',
      ],
      ['Windows line ends, a BOM, blank lines and comments', '\uFEFF# INJ/USDT 1m\r\ntime,open,high,low,close,volume\r\n\r\n1640991660,21.05,21.30,20.90,21.10,1532.5\r\n1640991720,21.10,21.15,21.00,21.01,0\r\n'],
    ])('reads %s as exact decimals and ms times', (_what, text) => {
      expect(rows(parseCandles(text))).toEqual(EXPECTED);
    });

    it('takes the first accepted time column when a header has several (date before unix)', () => {
      const text = 'unix,date,open,high,low,close,volume\n1,2021-12-31 23:01:00,21.05,21.30,20.90,21.10,1532.5';
      expect(parseCandles(text)[0]!.timeMs).toBe(T1);
    });
  });

  describe('when the file is JSON rows', () => {
    it('reads [time, open, high, low, close, volume] with numbers or strings, keeping every digit and ignoring extra elements', () => {
      const text = '[\n  [1640991660000, "21.05", "21.30", "20.90", "21.10", "1532.5", 1640991719999],\n  ["2021-12-31 23:02:00", 21.10, 21.15, 21.00, 21.01, 0]\n]';
      expect(rows(parseCandles(text))).toEqual(EXPECTED);
    });

    it('keeps more digits than a float holds', () => {
      const [candle] = parseCandles('[[1, 25.123456789012345678, 26, 25, 25.5, 1]]');
      expect(candle!.open.toFixed()).toBe('25.123456789012345678');
    });
  });

  describe('when a row is bad', () => {
    it.each([
      ['a time that is no time', 'time,open,high,low,close,volume\n1,2,3,1,2,5\nNaN,2,3,1,2,5', 'BAD_TIMESTAMP', 3, 'column 1 "time"'],
      ['an impossible date', '2021-02-30 10:00:00,2,3,1,2,5', 'BAD_TIMESTAMP', 1, 'column 1 (time)'],
      ['a missing column', '1,2,3,1,2', 'COLUMN_COUNT', 1, 'column 6 (volume)'],
      ['a missing column under a header', 'close,open,high,low,volume,time\n2,2,3,1,5', 'COLUMN_COUNT', 2, 'column 6 "time"'],
      ['a word for a price', 'timestamp,open,high,low,close,volume\n1,2,3,1,abc,5', 'NOT_A_NUMBER', 2, 'column 5 "close"'],
      ['an empty price', '1,2,,1,2,5', 'NOT_A_NUMBER', 1, 'column 3 (high)'],
      ['a zero price', '1,2,3,0,2,5', 'NOT_POSITIVE', 1, 'column 4 (low)'],
      ['a negative volume', '1,2,3,1,2,-5', 'NEGATIVE_VOLUME', 1, 'column 6 (volume)'],
      ['a high below the low', '1,2,1,3,2,5', 'HIGH_LOW_RANGE', 1, 'column 3 (high)'],
      ['a high below the close', '1,2,3,1,4,5', 'HIGH_LOW_RANGE', 1, 'column 3 (high)'],
      ['a low above the open', '1,2,3,2.5,2.7,5', 'HIGH_LOW_RANGE', 1, 'column 4 (low)'],
      ['a time going back', '10,2,3,1,2,5\n\n9,2,3,1,2,5', 'TIMESTAMP_ORDER', 3, 'column 1 (time)'],
      ['a time repeated', '2021-12-31 23:01:00,2,3,1,2,5\n1640991660,2,3,1,2,5', 'TIMESTAMP_ORDER', 2, 'column 1 (time)'],
      ['a header without a close column', 'time,open,high,low,volume\n1,2,3,1,5', 'HEADER', 1, 'header'],
      ['a JSON row that is too short', '[\n[1,2,3,1,2,5],\n[2,2,3]\n]', 'COLUMN_COUNT', 3, 'element 4 (low)'],
      ['a JSON null price', '[[1,2,null,1,2,5]]', 'NOT_A_NUMBER', 1, 'element 3 (high)'],
      ['a JSON object in a row', '[\n[1,{"p":2},3,1,2,5]]', 'JSON_SYNTAX', 2, 'element 2'],
      ['broken JSON', '[[1,2,3,1,2,5],\n', 'JSON_SYNTAX', 2, null],
    ])('names %s: its line, its column and what was expected, in one line', (_what, text, code, line, column) => {
      const error = parseError(text);
      expect({ code: error.code, line: error.line, column: error.column }).toEqual({ code, line, column });
      expect(error.message.startsWith(`prices.csv:${line}:${column === null ? '' : ` ${column}:`} expected ${error.expected}, got `)).toBe(true);
      expect(error.message).not.toContain('\n');
    });

    it('says what a time may be when it is none of the formats', () => {
      expect(parseError('2021-12-31 23:01:00,2,3,1,2,5\nNaN,2,3,1,2,5').message).toBe(
        'prices.csv:2: column 1 (time): expected epoch seconds or milliseconds, ISO 8601, or YYYY-MM-DD HH:MM:SS[.ffffff] (UTC), got "NaN"',
      );
    });

    it('names the previous time when times do not increase', () => {
      expect(parseError('2021-12-31 23:02:00,2,3,1,2,5\n2021-12-31 23:01:00,2,3,1,2,5').expected).toBe("a time after the previous row's 2021-12-31T23:02:00.000Z");
    });
  });

  describe('when the file holds no candle', () => {
    it.each([
      ['nothing', ''],
      ['a header only', 'timestamp,open,high,low,close,volume\n'],
      ['comments only', '# nothing recorded\n\n'],
      ['an empty JSON array', ' []\n'],
    ])('refuses %s as a whole (line 0)', (_what, text) => {
      const error = parseError(text);
      expect({ code: error.code, line: error.line, message: error.message }).toEqual({ code: 'EMPTY', line: 0, message: 'prices.csv: expected at least one candle row, got nothing' });
    });
  });
});
