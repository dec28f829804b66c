import { feedStatusSchema, redisKeys, type Heartbeat } from '@mirrorbook/contracts';
import { LcdClient } from '@mirrorbook/injective';
import type { CliContext } from '../cli/cli.context';
import { redactUrl } from '@mirrorbook/messaging';
import { EXIT, type ExitCode } from '../cli/exit-codes';
import { formatAge } from '../format/number.format';
import { renderTable } from '../format/table.renderer';
import { feeReportsOf } from '../fees/fee-records.reader';
import { EXPECTED_APPS, feeChecks, feedChecks, serviceChecks, summarize, type FeedStatusRecord, type HealthCheck } from './health.evaluator';
import { defaultListenMs, listenForHeartbeats } from './heartbeat.listener';

/**
 * `mirrorbook health`: NATS and Redis reachability, each LCD of the network, the services from
 * their heartbeats (listening 1.5 heartbeat intervals, less once every expected one is heard
 * running), each enabled market's feed status and each such wallet's fee budget from Redis.
 * Exits 1 when anything is down; warnings (a paused fee budget, a standby executor) exit 0.
 */
export async function healthCommand(ctx: CliContext, opts: { listenMs?: number }): Promise<ExitCode> {
  const config = ctx.config();
  const env = config.env;
  const sides = ctx.sides();
  const listenMs = opts.listenMs ?? defaultListenMs(env.HEARTBEAT_INTERVAL_MS);
  const wallets = [...new Set(config.bots.filter((b) => b.enabled).map((b) => b.wallet))];
  const markets = config.markets.filter((m) => m.enabled).map((m) => m.key);

  const [bus, store, lcds] = await ctx.progress.step('checking NATS, Redis, LCDs and listening for heartbeats', () =>
    Promise.all([
      busChecks(ctx, listenMs, wallets),
      storeChecks(ctx, markets, wallets, env.FEED_DOWN_AFTER_MS),
      Promise.all(
        [...new Map([sides.trading.config, sides.reference.config].map((c) => [c.lcdUrl, c])).values()].map((c) => lcdCheck(c.name, c.lcdUrl)),
      ),
    ]),
  );
  const checks: HealthCheck[] = [bus.infra, store.infra, ...lcds, ...bus.services, ...store.feeds, ...store.fees];
  const summary = summarize(checks);
  ctx.out.result(
    {
      network: ctx.networkName,
      healthy: summary.healthy,
      degraded: summary.degraded,
      summary: { ok: summary.ok, warn: summary.warn, down: summary.down },
      listenedMs: listenMs,
      checks,
      instances: bus.heartbeats.map((h) => ({
        app: h.app,
        instance: h.instance,
        state: h.state,
        version: h.version,
        uptimeS: h.uptimeS,
        wallet: h.wallet?.id ?? null,
      })),
    },
    () => {
      const table = renderTable(
        [
          { header: 'STATUS', value: (c: HealthCheck) => c.status.toUpperCase() },
          { header: 'KIND', value: (c: HealthCheck) => c.kind },
          { header: 'CHECK', value: (c: HealthCheck) => c.name },
          { header: 'DETAIL', value: (c: HealthCheck) => c.detail },
        ],
        checks,
      );
      const instances = renderTable(
        [
          { header: 'APP', value: (h: Heartbeat) => h.app },
          { header: 'INSTANCE', value: (h: Heartbeat) => h.instance },
          { header: 'STATE', value: (h: Heartbeat) => h.state },
          { header: 'WALLET', value: (h: Heartbeat) => h.wallet?.id ?? '' },
          { header: 'UP', align: 'right', value: (h: Heartbeat) => formatAge(h.uptimeS * 1000) },
          { header: 'VERSION', value: (h: Heartbeat) => h.version },
        ],
        bus.heartbeats,
        '(no heartbeats heard)',
      );
      const verdict = !summary.healthy
        ? `UNHEALTHY: ${summary.down} down, ${summary.warn} warn, ${summary.ok} ok`
        : `${summary.degraded ? 'healthy but degraded' : 'healthy'} (${summary.ok} ok, ${summary.warn} warn)`;
      return `${table}\n\ninstances heard in ${formatAge(listenMs)}:\n${instances}\n\n${verdict}`;
    },
  );
  return summary.healthy ? EXIT.OK : EXIT.CHECK_FAILED;
}

async function busChecks(ctx: CliContext, listenMs: number, wallets: readonly string[]): Promise<{ infra: HealthCheck; services: HealthCheck[]; heartbeats: Heartbeat[] }> {
  const url = redactUrl(ctx.config().env.NATS_URL);
  let nc;
  try {
    nc = await ctx.nats();
  } catch (error) {
    return {
      infra: { kind: 'infra', name: 'nats', status: 'down', detail: (error as Error).message },
      services: [{ kind: 'service', name: 'services', status: 'down', detail: 'heartbeats cannot be heard without NATS' }],
      heartbeats: [],
    };
  }
  const heartbeats = await listenForHeartbeats(nc, {
    durationMs: listenMs,
    enough: (heard) =>
      EXPECTED_APPS.every((app) => heard.some((h) => h.app === app && h.state === 'running')) &&
      wallets.every((w) => heard.some((h) => h.app === 'executor' && h.wallet?.id === w && h.state === 'running')),
  });
  return {
    infra: { kind: 'infra', name: 'nats', status: 'ok', detail: `connected to ${url}` },
    services: serviceChecks({ heartbeats, expectedApps: EXPECTED_APPS, expectedExecutorWallets: wallets, listenedMs: listenMs }),
    heartbeats,
  };
}

async function storeChecks(
  ctx: CliContext,
  markets: readonly string[],
  wallets: readonly string[],
  maxStatusAgeMs: number,
): Promise<{ infra: HealthCheck; feeds: HealthCheck[]; fees: HealthCheck[] }> {
  const url = redactUrl(ctx.config().env.REDIS_URL);
  const keys = [...markets.map((m) => redisKeys.latestStatus(m)), ...wallets.map((w) => redisKeys.fees(w))];
  let values: (string | null)[];
  try {
    const redis = await ctx.redis();
    await redis.ping();
    values = keys.length > 0 ? await redis.mget(...keys) : [];
  } catch (error) {
    return {
      infra: { kind: 'infra', name: 'redis', status: 'down', detail: (error as Error).message },
      feeds: [{ kind: 'feed', name: 'feeds', status: 'down', detail: 'feed status cannot be read without Redis' }],
      fees: wallets.length > 0 ? [{ kind: 'fees', name: 'fees', status: 'warn', detail: 'fee budgets cannot be read without Redis' }] : [],
    };
  }
  const now = Date.now();
  const records = markets.map((market, i): FeedStatusRecord => parseStatus(market, values[i] ?? null));
  return {
    infra: { kind: 'infra', name: 'redis', status: 'ok', detail: `connected to ${url}` },
    feeds: feedChecks(records, now, maxStatusAgeMs),
    fees: feeChecks(feeReportsOf(wallets, values.slice(markets.length), now)),
  };
}

function parseStatus(market: string, raw: string | null): FeedStatusRecord {
  if (raw === null) return { market, status: null };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { market, status: null, invalid: 'not JSON' };
  }
  const parsed = feedStatusSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { market, status: null, invalid: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
  }
  return { market, status: parsed.data };
}

/** One quick probe per LCD: the latest height, no retries, 3 s. */
async function lcdCheck(name: string, url: string): Promise<HealthCheck> {
  const lcd = new LcdClient({ baseUrl: url, timeoutMs: 3000, maxRetries: 0 });
  const started = Date.now();
  try {
    const height = await lcd.getLatestHeight();
    return { kind: 'lcd', name: `lcd ${name}`, status: 'ok', detail: `${url}: height ${height} in ${Date.now() - started} ms` };
  } catch (error) {
    return { kind: 'lcd', name: `lcd ${name}`, status: 'down', detail: (error as Error).message };
  }
}
