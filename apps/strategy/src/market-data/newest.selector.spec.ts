import { newest } from './newest.selector';

describe('newest', () => {
  const at = (ts: number, seq: number) => ({ ts, seq });

  it('takes whichever is present when one is missing', () => {
    const a = at(1, 1);
    expect([newest(a, undefined), newest(undefined, a), newest(undefined, undefined)]).toEqual([a, a, undefined]);
  });

  it('takes the later feed time, whatever the seqs (a second feed numbers its own)', () => {
    const older = at(1000, 90);
    const later = at(2000, 3);
    expect([newest(older, later), newest(later, older)]).toEqual([later, later]);
  });

  it('takes the higher seq at the same feed time', () => {
    const a = at(1000, 4);
    const b = at(1000, 5);
    expect([newest(a, b), newest(b, a)]).toEqual([b, b]);
  });
});
