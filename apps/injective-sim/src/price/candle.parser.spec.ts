import { CandleParseError } from './candle-parse.error';
import { parseCandles } from './candle.parser';

function parseError(csv: string): CandleParseError {
  try {
    parseCandles(csv);
  } catch (error) {
    if (error instanceof CandleParseError) return error;
    throw error;
  }
  throw new Error('expected a CandleParseError');
}

describe('parseCandles', () => {
  describe('when the file is well formed', () => {
    it('reads every row as exact decimals, skipping the header, blanks and comments', () => {
      const candles = parseCandles(
        'timestamp,open,high,low,close,volume\n# INJ/USDT 1m\n1700000000,21.05,21.30,20.90,21.10,1532.5\n\n1700000060,21.10,21.15,21.00,21.01,0\r\n',
      );
      expect(candles.map((c) => [c.timestamp, c.open.toFixed(), c.high.toFixed(), c.low.toFixed(), c.close.toFixed(), c.volume.toFixed()])).toEqual([
        [1700000000, '21.05', '21.3', '20.9', '21.1', '1532.5'],
        [1700000060, '21.1', '21.15', '21', '21.01', '0'],
      ]);
    });
  });

  describe('when a row is bad', () => {
    it.each([
      ['a missing column', '1,2,3,1,2', 'COLUMN_COUNT', 1],
      ['a word for a price', 'timestamp,open,high,low,close,volume\n1,2,3,1,abc,5', 'NOT_A_NUMBER', 2],
      ['a fractional timestamp', '1.5,2,3,1,2,5', 'NOT_A_NUMBER', 1],
      ['a zero price', '1,2,3,0,2,5', 'NOT_POSITIVE', 1],
      ['a negative volume', '1,2,3,1,2,-5', 'NEGATIVE_VOLUME', 1],
      ['a high below the close', '1,2,3,1,4,5', 'HIGH_LOW_RANGE', 1],
      ['a low above the open', '1,2,3,2.5,2.7,5', 'HIGH_LOW_RANGE', 1],
      ['a timestamp going back', '10,2,3,1,2,5\n\n9,2,3,1,2,5', 'TIMESTAMP_ORDER', 3],
    ])('names %s and its line', (_what, csv, code, line) => {
      const error = parseError(csv);
      expect(error.code).toBe(code);
      expect(error.line).toBe(line);
      expect(error.message).toContain(`line ${line}`);
    });

    it('refuses a file without rows', () => {
      expect(parseError('timestamp,open,high,low,close,volume\n').code).toBe('EMPTY');
    });
  });
});
