import { cancelAllGroups } from './cancel-all.groups';

describe('cancelAllGroups', () => {
  const counts: Record<string, number> = { a: 130, b: 130, c: 10, d: 200, e: 0 };
  const ordersOf = (m: string) => counts[m]!;

  it('keeps every market in one group while their orders fit', () => {
    expect(cancelAllGroups(['a', 'c', 'e'], ordersOf, 150)).toEqual([['a', 'c', 'e']]);
  });

  it('starts a new group where the next market would pass the limit, in order', () => {
    expect(cancelAllGroups(['a', 'b', 'c', 'e'], ordersOf, 150)).toEqual([['a'], ['b', 'c', 'e']]);
  });

  it('gives a market above the limit a group of its own', () => {
    expect(cancelAllGroups(['c', 'd', 'a'], ordersOf, 150)).toEqual([['c'], ['d'], ['a']]);
  });

  it('returns no group for no market', () => {
    expect(cancelAllGroups([], ordersOf, 150)).toEqual([]);
  });
});
