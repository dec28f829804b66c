import { redisKeys, storedOrderSchema } from '@mirrorbook/contracts';
import type { OwnOrder } from '@mirrorbook/market';
import type { CliContext } from '../cli/cli.context';

/** The bots' own open orders per market, or why they are unknown. */
export type OwnOrdersReading = { readonly ok: true; readonly byMarket: ReadonlyMap<string, OwnOrder[]> } | { readonly ok: false; readonly reason: string };

/**
 * The open orders the executors keep in `orders:<wallet>:<mk>` for the wallets of the bots quoting
 * each market (what the gateway's quality publisher counts as the bots' own). Values that fail
 * their schema are left out; Redis out of reach makes the uptime unknown, not the command fail.
 */
export async function readOwnOrders(ctx: CliContext, markets: readonly string[]): Promise<OwnOrdersReading> {
  try {
    const redis = await ctx.redis();
    const byMarket = new Map<string, OwnOrder[]>();
    for (const market of markets) {
      const wallets = [...new Set(ctx.config().bots.filter((b) => b.markets.includes(market)).map((b) => b.wallet))];
      const raws = (await Promise.all(wallets.map((w) => redis.hgetall(redisKeys.orders(w, market))))).flatMap((hash) => Object.values(hash));
      byMarket.set(market, raws.flatMap((raw) => ownOrderOf(raw)));
    }
    return { ok: true, byMarket };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

function ownOrderOf(raw: string): OwnOrder[] {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return [];
  }
  const order = storedOrderSchema.safeParse(json);
  return order.success ? [{ side: order.data.side, price: order.data.price, quantity: order.data.quantity }] : [];
}
