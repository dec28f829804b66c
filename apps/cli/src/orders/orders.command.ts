import { redisKeys } from '@mirrorbook/contracts';
import type { MarketPair } from '@mirrorbook/config';
import type Decimal from 'decimal.js';
import type { CliContext } from '../cli/cli.context';
import { CliError } from '../cli/cli.errors';
import { EXIT, type ExitCode } from '../cli/exit-codes';
import { MarketReader } from '../chain/market.reader';
import { formatAge, formatDecimal, formatPercent, jsonDecimal, jsonPercent } from '../format/number.format';
import { renderTable } from '../format/table.renderer';
import { noAddressHint, resolveWalletTargets } from '../wallets/wallet.targets';
import { buildOrderRows, createdAtByHash, type OrderRow } from './order-rows.builder';

/** `mirrorbook orders`: open orders per wallet and market with distance from the reference and age. */
export async function ordersCommand(ctx: CliContext, opts: { wallet?: string; market?: string; address?: string }): Promise<ExitCode> {
  const sides = ctx.sides();
  const pairs: MarketPair[] = opts.market ? [ctx.market(opts.market)] : ctx.config().markets.filter((m) => m.enabled);
  const targets = await resolveWalletTargets(ctx, { wallet: opts.wallet, address: opts.address });
  if (opts.wallet && targets[0]?.address === null) throw CliError.config(noAddressHint(opts.wallet));
  for (const t of targets) if (!t.address) ctx.out.note(noAddressHint(t.wallet));
  const reader = new MarketReader(ctx);
  const ages = await storedAges(ctx, targets.map((t) => t.wallet), pairs);

  const rows = await ctx.progress.step(`reading open orders on ${ctx.networkName}`, async () => {
    const references = new Map<string, Decimal | null>(
      await Promise.all(pairs.map(async (p) => [p.key, await reader.mid(sides.reference, p)] as const)),
    );
    const perTarget = await Promise.all(
      targets.flatMap((t) =>
        t.subaccountId
          ? pairs.map(async (pair) =>
              buildOrderRows({
                wallet: t.wallet,
                market: pair.key,
                orders: await reader.openOrders(sides.trading, pair, t.subaccountId as string),
                reference: references.get(pair.key) ?? null,
                createdAt: ages.get(`${t.wallet}:${pair.key}`) ?? new Map(),
                now: Date.now(),
              }).map((row) => ({ row, reference: references.get(pair.key) ?? null, address: t.address as string, marketId: sides.trading.marketId(pair) })),
            )
          : [],
      ),
    );
    return perTarget.flat();
  });

  ctx.out.result(
    {
      network: ctx.networkName,
      orders: rows.map(({ row, reference, address, marketId }) => ({
        wallet: row.wallet,
        address,
        market: row.market,
        marketId,
        orderHash: row.orderHash,
        cid: row.cid,
        side: row.side,
        price: row.price.toFixed(),
        quantity: row.quantity.toFixed(),
        originalQuantity: row.originalQuantity.toFixed(),
        reference: jsonDecimal(reference),
        distancePct: jsonPercent(row.distancePct),
        createdAt: row.createdAt,
        ageMs: row.ageMs,
      })),
    },
    () =>
      renderTable(
        [
          { header: 'WALLET', value: (r: OrderRow) => r.wallet },
          { header: 'MARKET', value: (r: OrderRow) => r.market },
          { header: 'SIDE', value: (r: OrderRow) => r.side },
          { header: 'PRICE', align: 'right', value: (r: OrderRow) => formatDecimal(r.price) },
          { header: 'QTY', align: 'right', value: (r: OrderRow) => formatDecimal(r.quantity) },
          { header: 'VS REF', align: 'right', value: (r: OrderRow) => formatPercent(r.distancePct) },
          { header: 'AGE', align: 'right', value: (r: OrderRow) => formatAge(r.ageMs) },
          { header: 'ORDER', value: (r: OrderRow) => `${r.orderHash.slice(0, 10)}…` },
        ],
        rows.map((r) => r.row),
        '(no open orders)',
      ),
  );
  return EXIT.OK;
}

/** createdAt per order hash from `orders:<wallet>:<mk>`; empty (ages unknown) when Redis is unreachable. */
async function storedAges(ctx: CliContext, wallets: readonly string[], pairs: readonly MarketPair[]): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  const known = new Set(ctx.config().wallets.map((w) => w.id));
  const ids = wallets.filter((w) => known.has(w));
  if (ids.length === 0) return out;
  let redis;
  try {
    redis = await ctx.redis();
  } catch (error) {
    ctx.out.note(`order ages unknown: ${(error as Error).message}`);
    return out;
  }
  for (const wallet of ids) {
    for (const pair of pairs) out.set(`${wallet}:${pair.key}`, createdAtByHash(await redis.hgetall(redisKeys.orders(wallet, pair.key))));
  }
  return out;
}
