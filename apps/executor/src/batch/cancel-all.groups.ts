/**
 * Splits the markets of a cancel-all into groups, in order, that one tx's gas can cancel: the
 * chain charges per order a cancel-all removes, and the tx's gas is set for each market's own
 * budget (`budgetOf`: see `cancelAllBudget`), so a group's budgets sum to at most `maxCancels`
 * (a market alone is always a group). One tx over many full markets would run out of gas and
 * cancel nothing.
 */
export function cancelAllGroups(markets: readonly string[], budgetOf: (market: string) => number, maxCancels: number): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let sum = 0;
  for (const market of markets) {
    const n = budgetOf(market);
    if (current.length > 0 && sum + n > maxCancels) {
      groups.push(current);
      current = [];
      sum = 0;
    }
    current.push(market);
    sum += n;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
