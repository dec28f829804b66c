import { heartbeatSchema, subjects, type Heartbeat } from '@mirrorbook/contracts';
import type { NatsConnection } from 'nats';

/** Options of `listenForHeartbeats`. */
export interface HeartbeatListenOptions {
  /** listen this long, ms */
  readonly durationMs: number;
  /** stop early once this says the heartbeats heard so far are enough */
  readonly enough?: (heard: readonly Heartbeat[]) => boolean;
}

/**
 * Subscribes to `svc.heartbeat.>` and returns the latest valid heartbeat of every instance heard
 * within the duration (services beat every HEARTBEAT_INTERVAL_MS, so 1.5 intervals hear each
 * live one at least once). Payloads that do not fit the schema are ignored.
 */
export async function listenForHeartbeats(nc: NatsConnection, options: HeartbeatListenOptions): Promise<Heartbeat[]> {
  const latest = new Map<string, Heartbeat>();
  const sub = nc.subscribe(subjects.all('heartbeat').subject);
  const timer = setTimeout(() => sub.unsubscribe(), options.durationMs);
  try {
    for await (const msg of sub) {
      let payload: unknown;
      try {
        payload = JSON.parse(new TextDecoder().decode(msg.data));
      } catch {
        continue;
      }
      const beat = heartbeatSchema.safeParse(payload);
      if (!beat.success) continue;
      const key = `${beat.data.app}.${beat.data.instance}`;
      const previous = latest.get(key);
      if (!previous || previous.ts <= beat.data.ts) latest.set(key, beat.data);
      if (options.enough?.([...latest.values()])) break;
    }
  } finally {
    clearTimeout(timer);
    if (!sub.isClosed()) sub.unsubscribe();
  }
  return [...latest.values()].sort((a, b) => `${a.app}.${a.instance}`.localeCompare(`${b.app}.${b.instance}`));
}

/** How long to listen by default: 1.5 heartbeat intervals. */
export function defaultListenMs(heartbeatIntervalMs: number): number {
  return Math.ceil(heartbeatIntervalMs * 1.5);
}
