import { cancelAllGroups } from './cancel-all.groups';

describe('cancelAllGroups', () => {
  const budgets: Record<string, number> = { a: 130, b: 130, c: 10, d: 400, e: 4, f: 115, g: 73 };
  const budgetOf = (m: string) => budgets[m]!;
  const groups = (markets: string[]) => cancelAllGroups(markets, budgetOf, 350);

  it("keeps markets in one tx while their budgets' sum fits", () => {
    expect(groups(['f', 'g'])).toEqual([['f', 'g']]);
    expect(groups(['a', 'b', 'c'])).toEqual([['a', 'b', 'c']]);
    expect(groups(['a', 'b', 'f'])).toEqual([['a', 'b'], ['f']]);
  });

  it('counts each market at its own budget, not at the fullest one', () => {
    // 87 × 4 = 348 fit, the 88th would need 352
    const empties = Array.from({ length: 88 }, () => 'e');
    expect(groups(empties).map((g) => g.length)).toEqual([87, 1]);
    expect(groups(['a', 'e', 'e', 'e', 'e', 'e'])).toEqual([['a', 'e', 'e', 'e', 'e', 'e']]);
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
