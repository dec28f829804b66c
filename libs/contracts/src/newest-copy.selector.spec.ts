import { isNewerCopy, newestCopy } from './newest-copy.selector';

describe('newestCopy', () => {
  const at = (ts: number, seq: number) => ({ ts, seq });

  it('takes whichever is present when one is missing', () => {
    const a = at(1, 1);
    expect([newestCopy(a, undefined), newestCopy(undefined, a), newestCopy(undefined, undefined)]).toEqual([a, a, undefined]);
  });

  it('takes the later feed time, whatever the seqs (a second feed numbers its own)', () => {
    const older = at(1000, 90);
    const later = at(2000, 3);
    expect([newestCopy(older, later), newestCopy(later, older)]).toEqual([later, later]);
  });

  it('takes the higher seq at the same feed time', () => {
    const a = at(1000, 4);
    const b = at(1000, 5);
    expect([newestCopy(a, b), newestCopy(b, a)]).toEqual([b, b]);
  });

  it('keeps the first of two copies with the same stamp', () => {
    const a = at(1000, 4);
    const b = at(1000, 4);
    expect(newestCopy(a, b)).toBe(a);
  });
});

describe('isNewerCopy', () => {
  const at = (ts: number, seq: number) => ({ ts, seq });

  it('takes a copy over none', () => {
    expect(isNewerCopy(at(1, 1), undefined)).toBe(true);
  });

  it('orders by feed time, then by seq, and a tie is not newer', () => {
    expect([isNewerCopy(at(2000, 1), at(1000, 9)), isNewerCopy(at(1000, 5), at(1000, 4)), isNewerCopy(at(1000, 4), at(1000, 4))]).toEqual([true, true, false]);
    expect([isNewerCopy(at(1000, 9), at(2000, 1)), isNewerCopy(at(1000, 3), at(1000, 4))]).toEqual([false, false]);
  });
});
