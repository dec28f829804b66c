import { subjects } from '@mirrorbook/contracts';

/** What the activity feed shows: every execution report and order event in EXEC. */
export const ACTIVITY_FILTERS = [subjects.all('execReport').subject, subjects.all('orderEvent').subject];

/** A wallet's share of EXEC: its reports and its order events on every market. */
export function walletFilters(wallet: string): string[] {
  return [subjects.execReport(wallet).subject, subjects.orderEvent(wallet, '*').subject];
}
