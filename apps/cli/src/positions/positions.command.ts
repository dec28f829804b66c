import type Decimal from 'decimal.js';
import type { MarketPair } from '@mirrorbook/config';
import type { Position } from '@mirrorbook/injective';
import type { CliContext } from '../cli/cli.context';
import { CliError } from '../cli/cli.errors';
import { EXIT, type ExitCode } from '../cli/exit-codes';
import { MarketReader } from '../chain/market.reader';
import { formatAmount, formatDecimal, formatPercent, jsonDecimal, jsonPercent } from '../format/number.format';
import { renderTable } from '../format/table.renderer';
import { noAddressHint, resolveWalletTargets } from '../wallets/wallet.targets';
import { positionMetrics, type PositionMetrics } from './position.metrics';

/** A position with everything `positions` shows. */
export interface PositionView {
  readonly wallet: string;
  readonly address: string;
  /** market key, null for a market not in config/markets.json */
  readonly market: string | null;
  readonly marketId: string;
  readonly position: Position;
  readonly mark: Decimal | null;
  readonly maintenanceMarginRatio: Decimal | null;
  readonly metrics: PositionMetrics;
}

/** `mirrorbook positions`: derivative positions with entry, mark, PnL and margin ratio. */
export async function positionsCommand(ctx: CliContext, opts: { wallet?: string; address?: string }): Promise<ExitCode> {
  const views = await readPositions(ctx, opts);
  ctx.out.result(
    {
      network: ctx.networkName,
      positions: views.map((v) => ({
        wallet: v.wallet,
        address: v.address,
        market: v.market,
        marketId: v.marketId,
        side: v.position.side,
        quantity: v.position.quantity.toFixed(),
        entryPrice: v.position.entryPrice.toFixed(),
        markPrice: jsonDecimal(v.mark),
        margin: v.position.margin.toFixed(),
        notional: jsonDecimal(v.metrics.notional),
        unrealizedPnl: jsonDecimal(v.metrics.unrealizedPnl),
        marginRatioPct: jsonPercent(v.metrics.marginRatioPct),
        maintenanceMarginRatioPct: jsonPercent(v.maintenanceMarginRatio?.mul(100)),
        belowMaintenance: v.metrics.belowMaintenance,
      })),
    },
    () =>
      renderTable(
        [
          { header: 'WALLET', value: (v: PositionView) => v.wallet },
          { header: 'MARKET', value: (v: PositionView) => v.market ?? v.marketId.slice(0, 12) },
          { header: 'SIDE', value: (v: PositionView) => v.position.side },
          { header: 'QTY', align: 'right', value: (v: PositionView) => formatDecimal(v.position.quantity) },
          { header: 'ENTRY', align: 'right', value: (v: PositionView) => formatDecimal(v.position.entryPrice, 6) },
          { header: 'MARK', align: 'right', value: (v: PositionView) => formatDecimal(v.mark, 6) },
          { header: 'PNL', align: 'right', value: (v: PositionView) => formatAmount(v.metrics.unrealizedPnl) },
          { header: 'MARGIN', align: 'right', value: (v: PositionView) => formatAmount(v.position.margin) },
          {
            header: 'MARGIN RATIO',
            align: 'right',
            value: (v: PositionView) =>
              `${formatPercent(v.metrics.marginRatioPct, 2, false)}${v.metrics.belowMaintenance ? ' (below maintenance!)' : ''}`,
          },
        ],
        views,
        '(no open positions)',
      ),
  );
  return EXIT.OK;
}

/** Positions of the selected wallets on the trading side, with mark prices and metrics. */
export async function readPositions(ctx: CliContext, opts: { wallet?: string; address?: string; market?: string }): Promise<PositionView[]> {
  const side = ctx.sides().trading;
  const pairs = ctx.config().markets;
  const only = opts.market ? ctx.market(opts.market) : undefined;
  if (only && only.type !== 'derivative') throw CliError.usage(`${only.key} is a spot market: it has no positions`);
  const targets = await resolveWalletTargets(ctx, opts);
  if (opts.wallet && targets[0]?.address === null) throw CliError.config(noAddressHint(opts.wallet));
  for (const t of targets) if (!t.address) ctx.out.note(noAddressHint(t.wallet));
  const reader = new MarketReader(ctx);
  const pairOf = (marketId: string): MarketPair | undefined => pairs.find((p) => side.marketId(p).toLowerCase() === marketId.toLowerCase());
  return ctx.progress.step(`reading positions on ${ctx.networkName}`, async () => {
    const perWallet = await Promise.all(
      targets.map(async (t) => {
        if (!t.subaccountId || !t.address) return [];
        const positions = (await reader.positions(side, t.subaccountId)).filter((p) => !only || side.marketId(only).toLowerCase() === p.marketId.toLowerCase());
        return Promise.all(
          positions.map(async (position): Promise<PositionView> => {
            const pair = pairOf(position.marketId);
            const [mark, market] = await Promise.all([
              reader.markPrice(side, position.marketId),
              ctx.lcd(side.config).getDerivativeMarket(position.marketId, side.marketNetwork),
            ]);
            return {
              wallet: t.wallet,
              address: t.address as string,
              market: pair?.key ?? null,
              marketId: position.marketId,
              position,
              mark,
              maintenanceMarginRatio: market.maintenanceMarginRatio,
              metrics: positionMetrics(position, mark, market.maintenanceMarginRatio),
            };
          }),
        );
      }),
    );
    return perWallet.flat();
  });
}
