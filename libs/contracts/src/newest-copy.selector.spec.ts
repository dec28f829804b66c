import { isNewerCopy, newestCopy } from './newest-copy.selector';

const NOW = 1_000_000;

describe('newestCopy', () => {
  const at = (ts: number, seq: number) => ({ ts, seq });

  it('takes whichever is present when one is missing', () => {
    const a = at(1, 1);
    expect([newestCopy(a, undefined, NOW), newestCopy(undefined, a, NOW), newestCopy(undefined, undefined, NOW)]).toEqual([a, a, undefined]);
  });

  it('takes the later feed time, whatever the seqs (a second feed numbers its own)', () => {
    const older = at(1000, 90);
    const later = at(2000, 3);
    expect([newestCopy(older, later, NOW), newestCopy(later, older, NOW)]).toEqual([later, later]);
  });

  it('takes the higher seq at the same feed time', () => {
    const a = at(1000, 4);
    const b = at(1000, 5);
    expect([newestCopy(a, b, NOW), newestCopy(b, a, NOW)]).toEqual([b, b]);
  });

  it('keeps the first of two copies with the same stamp', () => {
    const a = at(1000, 4);
    const b = at(1000, 4);
    expect(newestCopy(a, b, NOW)).toBe(a);
  });
});

describe('isNewerCopy', () => {
  const at = (ts: number, seq: number) => ({ ts, seq });

  it('takes a copy over none', () => {
    expect(isNewerCopy(at(1, 1), undefined, NOW)).toBe(true);
  });

  it('orders by feed time, then by seq, and a tie is not newer', () => {
    expect([isNewerCopy(at(2000, 1), at(1000, 9), NOW), isNewerCopy(at(1000, 5), at(1000, 4), NOW), isNewerCopy(at(1000, 4), at(1000, 4), NOW)]).toEqual([true, true, false]);
    expect([isNewerCopy(at(1000, 9), at(2000, 1), NOW), isNewerCopy(at(1000, 3), at(1000, 4), NOW)]).toEqual([false, false]);
  });
});

describe('a copy from the future', () => {
  const at = (ts: number, seq: number) => ({ ts, seq });

  it('is never newer than a genuine copy, nor than none (it would pin itself until the clock caught up)', () => {
    expect([isNewerCopy(at(NOW + 86_400_000, 1), at(NOW - 10, 1), NOW), isNewerCopy(at(NOW + 86_400_000, 1), undefined, NOW)]).toEqual([false, false]);
  });

  it('is left out of newestCopy, whichever side it is on', () => {
    const genuine = at(NOW - 10, 1);
    const forged = at(NOW + 86_400_000, 2);
    expect([newestCopy(genuine, forged, NOW), newestCopy(forged, genuine, NOW), newestCopy(forged, undefined, NOW)]).toEqual([genuine, genuine, undefined]);
  });
});
