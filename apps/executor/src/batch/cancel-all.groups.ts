/**
 * Splits the markets of a cancel-all into groups, in order, whose resting orders add up to at most
 * `maxOrders` each (a market with more gets a group of its own): the chain charges gas per order
 * a cancel-all removes, so one tx over many full markets would run out of gas and cancel nothing.
 */
export function cancelAllGroups(markets: readonly string[], ordersOf: (market: string) => number, maxOrders: number): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let count = 0;
  for (const market of markets) {
    const n = ordersOf(market);
    if (current.length > 0 && count + n > maxOrders) {
      groups.push(current);
      current = [];
      count = 0;
    }
    current.push(market);
    count += n;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
