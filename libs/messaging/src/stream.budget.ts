import { DiscardPolicy, RetentionPolicy, StorageType, type StreamConfig } from 'nats';
import { streamCatalog, type StreamName } from '@mirrorbook/contracts';

/** How far one stream may grow: by age, by bytes (its reserved share of the store) and per subject. */
export interface StreamLimits {
  maxAgeS: number;
  /** max_bytes: nats-server reserves it out of the store at creation, so the budgets of all streams never exceed the store */
  maxBytes: number;
  /** max_msgs_per_subject, for streams where one subject (a wallet, a market) must not evict the others */
  maxMsgsPerSubject?: number;
}

/** Share of a stream's max_bytes at which its usage is reported (gauge, warn log, /health degraded). */
export const STREAM_USAGE_ALERT_RATIO = 0.7;

/**
 * The JetStream config of one stream: file storage, bounded by age and bytes, discarding the oldest
 * messages once full, so a publish never fails because a stream is full.
 */
export function streamConfigOf(name: StreamName, limits: StreamLimits): Partial<StreamConfig> & Pick<StreamConfig, 'name' | 'subjects'> {
  const spec = streamCatalog[name];
  return {
    name,
    subjects: [...spec.subjects],
    retention: spec.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    storage: StorageType.File,
    ...streamLimitFields(limits),
  };
}

/** The limit fields of a stream config, also applied over an existing stream's config at every start. */
export function streamLimitFields(limits: StreamLimits): Pick<StreamConfig, 'max_age' | 'max_bytes' | 'max_msgs_per_subject' | 'discard'> {
  return {
    max_age: limits.maxAgeS * 1_000_000_000,
    max_bytes: limits.maxBytes,
    max_msgs_per_subject: limits.maxMsgsPerSubject ?? -1,
    discard: DiscardPolicy.Old,
  };
}

/** Bytes a stream keeps at a steady rate for its whole max age: events per minute × bytes per event × minutes. */
export function retainedBytes(rate: { eventsPerMinute: number; bytesPerEvent: number; maxAgeS: number }): number {
  return Math.ceil(rate.eventsPerMinute * rate.bytesPerEvent * (rate.maxAgeS / 60));
}

/** How long a budget lasts at a rate, in seconds (the retention that max_bytes gives when it binds before max_age). */
export function secondsOfRetention(budgetBytes: number, rate: { eventsPerMinute: number; bytesPerEvent: number }): number {
  return Math.floor((budgetBytes / (rate.eventsPerMinute * rate.bytesPerEvent)) * 60);
}

/** The streams' budgets that do not fit into the store (nats-server would refuse the last ones): undefined when they fit. */
export function budgetOverflow(budgets: Partial<Record<StreamName, StreamLimits>>, storeBytes: number): string | undefined {
  const total = Object.values(budgets).reduce((sum, limits) => sum + (limits?.maxBytes ?? 0), 0);
  if (total <= storeBytes) return undefined;
  const parts = Object.entries(budgets).map(([name, limits]) => `${name} ${limits?.maxBytes ?? 0}`);
  return `stream budgets ${parts.join(' + ')} = ${total} bytes exceed the JetStream store of ${storeBytes} bytes`;
}

/** A stream's usage of its max_bytes, 0..1 (0 for a stream without a byte limit). */
export function streamUsageRatio(bytes: number, maxBytes: number): number {
  return maxBytes > 0 ? bytes / maxBytes : 0;
}
