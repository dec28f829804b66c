/**
 * Splits the markets of a cancel-all into groups, in order, that one tx's gas can cancel: the
 * chain charges per order a cancel-all removes, and the tx's gas is set for the fullest market of
 * the tx on every market of it (`markets × max(orders, floor)`), so a group stays within
 * `maxCancels` by that measure (a market alone is always a group). One tx over many full markets
 * would run out of gas and cancel nothing.
 */
export function cancelAllGroups(
  markets: readonly string[],
  ordersOf: (market: string) => number,
  maxCancels: number,
  floorPerMarket: number,
): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let fullest = floorPerMarket;
  for (const market of markets) {
    const n = Math.max(ordersOf(market), floorPerMarket);
    if (current.length > 0 && (current.length + 1) * Math.max(fullest, n) > maxCancels) {
      groups.push(current);
      current = [];
      fullest = floorPerMarket;
    }
    current.push(market);
    fullest = Math.max(fullest, n);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
