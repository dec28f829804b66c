import { bookSeqIssue, futureSeqIssue, futureTsIssue, intentTimeIssue, payloadAgeMs, payloadTimeIssue, timeSanity } from './time-sanity';
import { batchIntentSchema } from './payloads/batch-intent.schema';
import { priceTickSchema } from './payloads/price-tick.schema';

const NOW = 1_750_000_000_000;
const DAY = 86_400_000;

describe('time sanity', () => {
  describe('futureTsIssue', () => {
    it('accepts a ts up to the skew tolerance ahead of the clock', () => {
      expect(futureTsIssue(NOW + timeSanity.maxClockSkewMs, NOW)).toBeUndefined();
    });
    it('refuses a ts beyond it, naming how far ahead', () => {
      expect(futureTsIssue(NOW + DAY, NOW)).toEqual({ reason: 'future-ts', detail: expect.stringContaining(`${DAY} ms ahead`) });
    });
  });

  describe('futureSeqIssue', () => {
    it('bounds a feed seq by the clock and its tolerance (the feed numbers by ms)', () => {
      expect(futureSeqIssue(NOW + timeSanity.maxClockSkewMs, NOW)).toBeUndefined();
      expect(futureSeqIssue(Number.MAX_SAFE_INTEGER, NOW)?.reason).toBe('future-seq');
    });
  });

  describe('payloadAgeMs', () => {
    it('is now − ts for a payload from the past', () => {
      expect(payloadAgeMs(NOW - 1500, NOW)).toBe(1500);
    });
    it('counts a ts slightly ahead (within the tolerance) as age 0', () => {
      expect(payloadAgeMs(NOW + 10, NOW)).toBe(0);
    });
    it('is invalid (undefined), never fresh, for a ts from the future', () => {
      expect(payloadAgeMs(NOW + DAY, NOW)).toBeUndefined();
    });
  });

  describe('intentTimeIssue', () => {
    it('accepts an intent planned now with a 3 s deadline', () => {
      expect(intentTimeIssue({ ts: NOW, deadline: NOW + 3000 }, NOW)).toBeUndefined();
    });
    it('refuses one planned a day ahead', () => {
      expect(intentTimeIssue({ ts: NOW + DAY, deadline: NOW + DAY + 3000 }, NOW)?.reason).toBe('future-ts');
    });
    it('refuses a 10-minute deadline', () => {
      expect(intentTimeIssue({ ts: NOW, deadline: NOW + 600_000 }, NOW)?.reason).toBe('ttl-too-long');
    });
    it('accepts the longest lifetime allowed and refuses one ms more', () => {
      expect(intentTimeIssue({ ts: NOW, deadline: NOW + timeSanity.maxIntentTtlMs }, NOW)).toBeUndefined();
      expect(intentTimeIssue({ ts: NOW, deadline: NOW + timeSanity.maxIntentTtlMs + 1 }, NOW)?.reason).toBe('ttl-too-long');
    });
    it('refuses a deadline before ts', () => {
      expect(intentTimeIssue({ ts: NOW, deadline: NOW - 1 }, NOW)?.reason).toBe('deadline-before-ts');
    });
  });

  describe('bookSeqIssue', () => {
    it('accepts a seq up to the newest book known and refuses one beyond it', () => {
      expect(bookSeqIssue(7, 7, NOW)).toBeUndefined();
      expect(bookSeqIssue(Number.MAX_SAFE_INTEGER, 7, NOW)).toEqual({ reason: 'book-seq-ahead', detail: expect.stringContaining('newest book 7') });
    });
    it('bounds the seq by the clock when no book is known (the feed numbers books by ms)', () => {
      expect(bookSeqIssue(NOW, undefined, NOW)).toBeUndefined();
      expect(bookSeqIssue(NOW + timeSanity.maxClockSkewMs + 1, undefined, NOW)?.reason).toBe('book-seq-ahead');
    });
  });

  describe('payloadTimeIssue', () => {
    it('checks feed payloads and intents, and lets other families through', () => {
      expect(payloadTimeIssue('mdPrice', { ts: NOW + DAY, seq: 1 }, NOW)?.reason).toBe('future-ts');
      expect(payloadTimeIssue('mdBook', { ts: NOW + DAY, seq: 1 }, NOW)?.reason).toBe('future-ts');
      expect(payloadTimeIssue('mdBook', { ts: NOW, seq: Number.MAX_SAFE_INTEGER }, NOW)?.reason).toBe('future-seq');
      expect(payloadTimeIssue('mdBook', { ts: NOW, seq: NOW + timeSanity.maxClockSkewMs }, NOW)).toBeUndefined();
      expect(payloadTimeIssue('mdRefBook', { ts: NOW + DAY, seq: 1 }, NOW)?.reason).toBe('future-ts');
      expect(payloadTimeIssue('mdRefBook', { ts: NOW, seq: Number.MAX_SAFE_INTEGER }, NOW)?.reason).toBe('future-seq');
      expect(payloadTimeIssue('intent', { ts: NOW, deadline: NOW + 600_000 }, NOW)?.reason).toBe('ttl-too-long');
      expect(payloadTimeIssue('heartbeat', { ts: NOW + DAY }, NOW)).toBeUndefined();
    });
  });
});

describe('integers of payloads', () => {
  const plan = { market: 'inj-usdt', phase: 'MAINTENANCE', basedOn: { bookSeq: 1, priceSeq: 1, referencePrice: '25' }, actions: [{ type: 'cancelAll' }] };
  const intent = { v: 1, id: 'i1', wallet: 'w1', bot: 'b1', ts: NOW, deadline: NOW + 3000, plans: [plan] };
  it('accept 2^53 − 1 and refuse anything above it (not held exactly)', () => {
    const at = (bookSeq: number) => batchIntentSchema.safeParse({ ...intent, plans: [{ ...plan, basedOn: { ...plan.basedOn, bookSeq } }] }).success;
    expect(at(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(at(2 ** 53)).toBe(false);
    expect(at(1e300)).toBe(false);
  });
  it('refuse a non-safe ts, seq or height of a price tick', () => {
    const tick = { v: 1, net: 'sim', role: 'reference', market: 'inj-usdt', bid: null, ask: null, mid: '25', last: null, source: 'mid', height: 1, ts: NOW, seq: 1 };
    expect(priceTickSchema.safeParse(tick).success).toBe(true);
    for (const field of ['ts', 'seq', 'height']) expect(priceTickSchema.safeParse({ ...tick, [field]: 2 ** 60 }).success).toBe(false);
  });
});
