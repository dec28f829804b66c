import { marketQualitySchema, redisKeys, type MarketQuality } from '@mirrorbook/contracts';
import { Dec } from '@mirrorbook/market';
import type { CliContext } from '../cli/cli.context';
import { formatDecimal, UNKNOWN } from '../format/number.format';

/** Shown, and given as the reason in `--json`, where `quality:<mk>` is not there. */
export const NO_LIVE_WINDOW = 'no live window (the gateway publishes it)';

/**
 * A market's live rolling-window quality as the gateway last published it on `md.quality.<mk>`
 * and keeps in Redis `quality:<mk>` (the payload of libs/market `marketQualityPayload`, as is),
 * or why there is none.
 */
export type LiveWindowReading = { readonly window: MarketQuality; readonly reason: null } | { readonly window: null; readonly reason: string };

/**
 * Reads `quality:<mk>` of each market. The key expires a few windows after the gateway's last
 * write: absent, the gateway is not running (or has measured nothing yet). A value that fails its
 * schema, or Redis out of reach, leaves that market without a window, never fails the command.
 * `unreadable` (the reason Redis could not be read before) skips the read.
 */
export async function readLiveWindows(ctx: CliContext, markets: readonly string[], unreadable?: string): Promise<Map<string, LiveWindowReading>> {
  const absent = (reason: string) => new Map(markets.map((m) => [m, { window: null, reason } as const]));
  if (unreadable !== undefined) return absent(`no live window: Redis could not be read (${unreadable})`);
  if (markets.length === 0) return new Map();
  let raws: (string | null)[];
  try {
    const redis = await ctx.redis();
    raws = await redis.mget(markets.map((m) => redisKeys.latestQuality(m)));
  } catch (error) {
    return absent(`no live window: Redis could not be read (${(error as Error).message})`);
  }
  return new Map(markets.map((market, i) => [market, liveWindowOf(market, raws[i] ?? null)]));
}

function liveWindowOf(market: string, raw: string | null): LiveWindowReading {
  if (raw === null) return { window: null, reason: NO_LIVE_WINDOW };
  const key = redisKeys.latestQuality(market);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { window: null, reason: `no live window: ${key} is not JSON` };
  }
  const parsed = marketQualitySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { window: null, reason: `no live window: ${key} is not a valid quality payload (${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'})` };
  }
  if (parsed.data.market !== market) return { window: null, reason: `no live window: ${key} holds the figures of ${parsed.data.market}` };
  return { window: parsed.data, reason: null };
}

/**
 * The window in one line: `window (60 s, 12 samples): RMS 50 bps, spread ratio 2, depth ratio B/A
 * 10bps 2.009/2.011 …, uptime aggregate 100 % / per-order 0 %`; the reason when there is none.
 */
export function formatLiveWindow(reading: LiveWindowReading): string {
  if (reading.window === null) return reading.reason;
  const { windowMs, samples, figures } = reading.window;
  const num = (value: string | null, decimals: number) => (value === null ? UNKNOWN : formatDecimal(new Dec(value), decimals));
  const pct = (value: string | null) => (value === null ? UNKNOWN : `${formatDecimal(new Dec(value), 2)} %`);
  const seconds = formatDecimal(new Dec(windowMs).div(1000), 3);
  const depth = figures.depth.map((b) => `${b.bandBps}bps ${num(b.depthRatio.bids, 3)}/${num(b.depthRatio.asks, 3)}`).join(', ');
  return (
    `window (${seconds} s, ${samples} sample${samples === 1 ? '' : 's'}): RMS ${num(figures.trackingErrorRmsBps, 2)} bps, ` +
    `spread ratio ${num(figures.spreadRatio, 3)}, depth ratio B/A ${depth || UNKNOWN}, ` +
    `uptime aggregate ${pct(figures.uptimePct.aggregate)} / per-order ${pct(figures.uptimePct.perOrder)}`
  );
}
