import { Dec } from '@mirrorbook/market';

/** What a candle's time cell may hold, as error messages and docs say it. */
export const CANDLE_TIME_FORMATS = 'epoch seconds or milliseconds, ISO 8601, or YYYY-MM-DD HH:MM:SS[.ffffff] (UTC)';

/**
 * Epoch numbers below this are seconds, at or above it milliseconds: 1e11 s is the year 5138,
 * 1e11 ms is March 1973, so no real candle file is ambiguous.
 */
export const EPOCH_MS_FROM = 100_000_000_000;

/** The last instant a JS Date holds (8.64e15 ms, year 275760): later epochs are refused. */
const MAX_DATE_MS = 8_640_000_000_000_000;

const EPOCH = /^\d+(\.\d+)?$/;
// date, then optionally a time (T or a space), then optionally a zone (Z or ±HH[:]MM); no zone = UTC
const CALENDAR = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/;

/**
 * A candle time cell as ms since the epoch (UTC; digits below the millisecond dropped), or null
 * when it is none of `CANDLE_TIME_FORMATS`: an epoch number (seconds or ms, told apart by
 * `EPOCH_MS_FROM`), or a calendar date-time `YYYY-MM-DD[(T| )HH:MM[:SS[.fff…]]][Z|±HH:MM]`
 * read as UTC when it has no zone. Impossible dates (Feb 30, hour 24) are refused.
 */
export function parseCandleTime(cell: string): number | null {
  const text = cell.trim();
  if (EPOCH.test(text)) return epochMs(text);
  const match = CALENDAR.exec(text);
  return match ? calendarMs(match) : null;
}

function epochMs(text: string): number | null {
  const value = new Dec(text);
  const ms = (value.lt(EPOCH_MS_FROM) ? value.mul(1000) : value).floor();
  return ms.lte(MAX_DATE_MS) ? ms.toNumber() : null;
}

function calendarMs(m: RegExpExecArray): number | null {
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  if (hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const date = new Date(local);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return m[9] === undefined ? local : withOffset(local, m[9], Number(m[10]), Number(m[11]));
}

function withOffset(local: number, sign: string, hours: number, minutes: number): number | null {
  if (hours > 23 || minutes > 59) return null;
  const offsetMs = (hours * 60 + minutes) * 60_000;
  // 12:00+02:00 is 10:00 UTC
  return sign === '+' ? local - offsetMs : local + offsetMs;
}
