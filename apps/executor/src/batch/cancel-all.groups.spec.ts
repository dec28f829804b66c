import { cancelAllGroups } from './cancel-all.groups';

describe('cancelAllGroups', () => {
  const counts: Record<string, number> = { a: 130, b: 130, c: 10, d: 400, e: 0, f: 115, g: 73 };
  const ordersOf = (m: string) => counts[m]!;
  const groups = (markets: string[]) => cancelAllGroups(markets, ordersOf, 350, 20);

  it('keeps markets in one tx while markets × the fullest fit', () => {
    expect(groups(['f', 'g'])).toEqual([['f', 'g']]);
    expect(groups(['a', 'b', 'c'])).toEqual([['a', 'b'], ['c']]);
  });

  it('counts an almost empty market at the floor the gas estimate assumes', () => {
    // 17 markets × 20 = 340 fit, the 18th would need 360
    const empties = Array.from({ length: 18 }, () => 'e');
    expect(cancelAllGroups(empties, ordersOf, 350, 20).map((g) => g.length)).toEqual([17, 1]);
  });

  it('gives a market above the limit a tx of its own', () => {
    expect(groups(['c', 'd', 'a'])).toEqual([['c'], ['d'], ['a']]);
  });

  it('splits six full markets into three txs of two', () => {
    expect(groups(['a', 'b', 'a', 'b', 'a', 'b']).map((g) => g.length)).toEqual([2, 2, 2]);
  });

  it('returns no group for no market', () => {
    expect(groups([])).toEqual([]);
  });
});
