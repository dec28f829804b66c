import { executionReportSchema, familyOfSubject, orderEventSchema } from '@mirrorbook/contracts';
import { decodeInbound } from '@mirrorbook/messaging';
import type { ActivityItem } from './activity-item.view';

// `unknown`: accepted by the node, not yet settled (a later report says applied or failed)
const WARN_OUTCOMES = new Set(['rejected', 'expired', 'superseded', 'unknown']);

/** An EXEC stream message as an activity item; undefined when it is not a valid report or order event. */
export function decodeActivityItem(seq: number, subject: string, data: Uint8Array): ActivityItem | undefined {
  const family = familyOfSubject(subject);
  if (family === 'execReport') {
    const decoded = decodeInbound(executionReportSchema, data);
    if (!decoded.ok) return undefined;
    const report = decoded.value;
    const level = report.outcome === 'failed' || report.failed.length > 0 ? 'error' : WARN_OUTCOMES.has(report.outcome) ? 'warn' : 'info';
    return { kind: 'execution', id: seq, subject, level, ts: report.ts, data: report };
  }
  if (family === 'orderEvent') {
    const decoded = decodeInbound(orderEventSchema, data);
    if (!decoded.ok) return undefined;
    const event = decoded.value;
    return { kind: 'order', id: seq, subject, level: event.kind === 'rejected' ? 'warn' : 'info', ts: event.ts, data: event };
  }
  return undefined;
}
