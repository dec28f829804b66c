import { parseCandleTime } from './candle-time.parser';

// 2021-12-31T23:01:00Z = 1 640 991 660 s since the epoch
const T = 1_640_991_660_000;

describe('parseCandleTime', () => {
  describe('when the cell is an epoch number', () => {
    it.each([
      ['seconds', '1640991660', T],
      ['seconds with a fraction', '1640991660.25', T + 250],
      ['milliseconds', '1640991660000', T],
      ['the largest value still read as seconds', '99999999999', 99_999_999_999_000],
      ['the smallest value read as milliseconds', '100000000000', 100_000_000_000],
    ])('reads %s (below 1e11 seconds, from 1e11 milliseconds)', (_what, cell, ms) => {
      expect(parseCandleTime(cell)).toBe(ms);
    });
  });

  describe('when the cell is a calendar date-time', () => {
    it.each([
      ['space-separated with microseconds (UTC)', '2021-12-31 23:01:00.000000', T],
      ['space-separated, sub-millisecond digits dropped', '2021-12-31 23:01:00.123999', T + 123],
      ['ISO 8601 with Z', '2021-12-31T23:01:00Z', T],
      ['ISO 8601 with milliseconds', '2021-12-31T23:01:00.500Z', T + 500],
      ['ISO 8601 without a zone (UTC)', '2021-12-31T23:01:00', T],
      ['ISO 8601 with an offset', '2022-01-01T01:01:00+02:00', T],
      ['ISO 8601 with a negative offset, no colon', '2021-12-31T18:01:00-0500', T],
      ['minutes only', '2021-12-31 23:01', T],
      ['a date alone (midnight UTC)', '2022-01-01', Date.UTC(2022, 0, 1)],
    ])('reads %s', (_what, cell, ms) => {
      expect(parseCandleTime(cell)).toBe(ms);
    });
  });

  describe('when the cell is not a time', () => {
    it.each([['NaN'], [''], ['-5'], ['2021-02-30 00:00:00'], ['2021-12-31 24:00:00'], ['2021-12-31T23:01:00+25:00'], ['31/12/2021 23:01'], ['1e12'], ['9000000000000000']])(
      'refuses %p',
      (cell) => {
        expect(parseCandleTime(cell)).toBeNull();
      },
    );
  });
});
