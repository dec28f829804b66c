import type { AppName, FeedStatus, Heartbeat, ServiceState } from '@mirrorbook/contracts';
import type { FeeReport } from '@mirrorbook/market';
import { formatAge } from '../format/number.format';

/** `ok` passes, `warn` is shown but passes, `down` fails `health`. */
export type CheckStatus = 'ok' | 'warn' | 'down';

/** One line of `health`. */
export interface HealthCheck {
  readonly kind: 'infra' | 'lcd' | 'service' | 'feed' | 'fees';
  /** e.g. `nats`, `lcd trading (sim)`, `executor w1`, `inj-usdt`, `fees w1` */
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

/** The apps every deployment runs; executors are expected per wallet with an enabled bot. */
export const EXPECTED_APPS: readonly AppName[] = ['price-feed', 'strategy', 'gateway'];

const RUNNING: readonly ServiceState[] = ['running'];
const ALIVE_NOT_SERVING: readonly ServiceState[] = ['starting', 'standby', 'paused'];

/**
 * One check per expected app and per expected executor wallet, from the heartbeats heard while
 * listening: some instance `running` → ok; only starting / standby / paused → warn; none heard,
 * or only stopping / stopped → down.
 */
export function serviceChecks(input: {
  heartbeats: readonly Heartbeat[];
  expectedApps: readonly AppName[];
  expectedExecutorWallets: readonly string[];
  listenedMs: number;
}): HealthCheck[] {
  const checks = input.expectedApps.map((app) =>
    groupCheck(app, input.heartbeats.filter((h) => h.app === app), input.listenedMs),
  );
  for (const wallet of input.expectedExecutorWallets) {
    const executors = input.heartbeats.filter((h) => h.app === 'executor' && h.wallet?.id === wallet);
    checks.push(groupCheck(`executor ${wallet}`, executors, input.listenedMs));
  }
  return checks;
}

function groupCheck(name: string, beats: readonly Heartbeat[], listenedMs: number): HealthCheck {
  if (beats.length === 0) {
    return { kind: 'service', name, status: 'down', detail: `no heartbeat within ${formatAge(listenedMs)}` };
  }
  const states = beats.map((b) => `${b.state} (${b.instance}, up ${formatAge(b.uptimeS * 1000)})`).join(', ');
  const status: CheckStatus = beats.some((b) => RUNNING.includes(b.state))
    ? 'ok'
    : beats.some((b) => ALIVE_NOT_SERVING.includes(b.state))
      ? 'warn'
      : 'down';
  return { kind: 'service', name, status, detail: states };
}

/** What Redis holds for one market's feed status (`md:status:<mk>`). */
export interface FeedStatusRecord {
  readonly market: string;
  /** the parsed status, null when the key is absent */
  readonly status: FeedStatus | null;
  /** why the stored value was refused, when it was */
  readonly invalid?: string;
}

/**
 * One check per market: `fresh` → ok; `stale` / `degraded` → warn; `down`, no status at all, an
 * unreadable status, or a status not refreshed for `maxStatusAgeMs` (the price feed stopped
 * publishing) → down.
 */
export function feedChecks(records: readonly FeedStatusRecord[], now: number, maxStatusAgeMs: number): HealthCheck[] {
  return records.map(({ market, status, invalid }): HealthCheck => {
    if (invalid) return { kind: 'feed', name: market, status: 'down', detail: `unreadable status: ${invalid}` };
    if (!status) return { kind: 'feed', name: market, status: 'down', detail: 'no feed status in Redis (is the price feed running?)' };
    const age = now - status.ts;
    if (age > maxStatusAgeMs) {
      return { kind: 'feed', name: market, status: 'down', detail: `status not updated for ${formatAge(age)} (last said ${status.state})` };
    }
    const sides = `reference ${side(status.reference)}, book ${side(status.book)}${status.throttled ? ', throttled' : ''}`;
    const level: CheckStatus = status.state === 'fresh' ? 'ok' : status.state === 'down' ? 'down' : 'warn';
    return { kind: 'feed', name: market, status: level, detail: `${status.state}: ${sides}` };
  });
}

function side(s: FeedStatus['reference']): string {
  return `${s.state}${s.ageMs === null ? '' : ` ${formatAge(s.ageMs)}`}${s.reason ? ` (${s.reason})` : ''}`;
}

/**
 * One check per wallet from its fee report (`fees:<wallet>`): a `paused` budget is warn (its bots
 * place nothing, the stack itself is fine), as is a record that failed its schema (the budget is
 * unknown); `normal`, `slow` (detail says why) and no record yet are ok. Never down: fees alone
 * do not fail `health`.
 */
export function feeChecks(reports: ReadonlyMap<string, FeeReport>): HealthCheck[] {
  return [...reports].map(([wallet, report]): HealthCheck => {
    const paused = report.record?.budget.state === 'paused';
    return { kind: 'fees', name: `fees ${wallet}`, status: paused || report.status === 'invalid' ? 'warn' : 'ok', detail: report.summary };
  });
}

/** Overall verdict: healthy unless some check is down; degraded when some check warns. */
export function summarize(checks: readonly HealthCheck[]): { healthy: boolean; degraded: boolean; ok: number; warn: number; down: number } {
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  return { healthy: count('down') === 0, degraded: count('warn') > 0, ok: count('ok'), warn: count('warn'), down: count('down') };
}
