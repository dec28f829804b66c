import type Decimal from 'decimal.js';
import type { DerivativeOrderCreate, Wallet } from '@mirrorbook/injective';
import type { TxResult } from '@mirrorbook/injective/signing';
import { Dec, type Market } from '@mirrorbook/market';
import type { CliContext } from '../cli/cli.context';
import { EXIT, type ExitCode } from '../cli/exit-codes';
import { TxSender } from '../chain/tx.sender';
import { assertMayWrite, signingWallet, withWriteLease } from '../chain/write.guard';
import { formatDecimal, jsonDecimal } from '../format/number.format';
import { renderTable } from '../format/table.renderer';
import { planCloseOrder, type CloseOrder } from './close-order.planner';
import { readPositions, type PositionView } from './positions.command';

/** Default distance through the mark, percent. */
export const DEFAULT_CLOSE_SLIPPAGE_PCT = '1';

export interface ClosePositionsOptions {
  readonly wallet: string;
  readonly market?: string;
  readonly slippage?: Decimal;
  readonly yes?: boolean;
  readonly force?: boolean;
}

interface PlannedClose {
  readonly view: PositionView;
  readonly order: CloseOrder | null;
  /** why no order is planned */
  readonly skipped: string | null;
}

/**
 * `mirrorbook close-positions`: one reduce-only limit order per position at mark ∓ slippage
 * (marketable, so it fills against resting liquidity near the mark). Dry run by default; `--yes`
 * sends them all in one transaction.
 */
export async function closePositionsCommand(ctx: CliContext, opts: ClosePositionsOptions): Promise<ExitCode> {
  const wallet = ctx.wallet(opts.wallet);
  const sides = ctx.sides();
  const slippage = opts.slippage ?? new Dec(DEFAULT_CLOSE_SLIPPAGE_PCT);
  let signer: Wallet | undefined;
  if (opts.yes) {
    await assertMayWrite(ctx, sides, wallet, opts.force === true);
    signer = signingWallet(ctx, wallet);
  }
  const views = await readPositions(ctx, signer ? { wallet, address: signer.injAddress, market: opts.market } : { wallet, market: opts.market });
  const markets = new Map<string, Market>(
    await Promise.all(
      [...new Set(views.map((v) => v.marketId))].map(async (id) => [id, await ctx.lcd(sides.trading.config).getDerivativeMarket(id, sides.trading.marketNetwork)] as const),
    ),
  );
  const marketOf = (view: PositionView): Market => markets.get(view.marketId) as Market;
  const plans = views.map((view): PlannedClose => {
    if (!view.mark) return { view, order: null, skipped: 'no mark price' };
    const order = planCloseOrder(marketOf(view), view.position, view.mark, slippage);
    return order ? { view, order, skipped: null } : { view, order: null, skipped: 'position below one quantity tick' };
  });
  const toSend = plans.filter((p) => p.order !== null);

  let result: TxResult | null = null;
  let failure: unknown;
  if (signer && toSend.length > 0) {
    const creates: DerivativeOrderCreate[] = toSend.map(({ view, order }) => ({
      market: marketOf(view),
      side: (order as CloseOrder).side,
      postOnly: false,
      reduceOnly: true,
      price: (order as CloseOrder).price,
      quantity: (order as CloseOrder).quantity,
    }));
    const sender = new TxSender(ctx.lcd(sides.trading.config), sides.trading.config, signer);
    try {
      result = await ctx.progress.step(`sending ${creates.length} reduce-only orders`, () =>
        withWriteLease(ctx, wallet, opts.force === true, () =>
          sender.send({ injectiveAddress: signer.injAddress, subaccountId: signer.subaccountId, derivativeCreates: creates }),
        ),
      );
    } catch (error) {
      failure = error;
    }
  }

  /** what the chain did with a plan's order (in msg order = toSend order) */
  const outcomeOf = (plan: PlannedClose) => (result ? result.derivativeCreateResults[toSend.indexOf(plan)] : undefined);
  ctx.out.result(
    {
      network: ctx.networkName,
      wallet,
      dryRun: !opts.yes,
      slippagePct: slippage.toFixed(),
      orders: plans.map((p) => ({
        market: p.view.market,
        marketId: p.view.marketId,
        positionSide: p.view.position.side,
        positionQuantity: p.view.position.quantity.toFixed(),
        markPrice: jsonDecimal(p.view.mark),
        side: p.order?.side ?? null,
        price: jsonDecimal(p.order?.price),
        quantity: jsonDecimal(p.order?.quantity),
        remainder: jsonDecimal(p.order?.remainder),
        skipped: p.skipped,
        orderHash: outcomeOf(p)?.orderHash ?? null,
        failureCode: outcomeOf(p)?.failureCode ?? null,
      })),
      tx: result && { txHash: result.txHash, height: result.height },
      error: failure === undefined ? null : (failure as Error).message,
    },
    () => renderClose(ctx, opts, wallet, plans, result),
  );
  if (failure !== undefined) throw failure;
  return EXIT.OK;
}

function renderClose(ctx: CliContext, opts: ClosePositionsOptions, wallet: string, plans: readonly PlannedClose[], result: TxResult | null): string {
  const table = renderTable(
    [
      { header: 'MARKET', value: (p: PlannedClose) => p.view.market ?? p.view.marketId.slice(0, 12) },
      { header: 'POSITION', value: (p: PlannedClose) => `${p.view.position.side} ${formatDecimal(p.view.position.quantity)}` },
      { header: 'MARK', align: 'right', value: (p: PlannedClose) => formatDecimal(p.view.mark, 6) },
      { header: 'ORDER', value: (p: PlannedClose) => (p.order ? `${p.order.side} ${formatDecimal(p.order.quantity)} @ ${formatDecimal(p.order.price)} reduce-only` : `none: ${p.skipped}`) },
    ],
    plans,
    '(no open positions)',
  );
  if (!opts.yes) {
    return [`dry run on ${ctx.networkName}: reduce-only orders that would flatten wallet ${wallet}`, table, ...(plans.some((p) => p.order) ? ['add --yes to send them'] : [])].join('\n');
  }
  if (!result) return `nothing to close: wallet ${wallet} has no open positions on ${ctx.networkName}\n${table}`;
  const accepted = result.derivativeCreateResults.filter((r) => r.orderHash !== null).length;
  return `sent ${result.derivativeCreateResults.length} reduce-only orders for wallet ${wallet} in tx ${result.txHash} (height ${result.height}); ${accepted} accepted\n${table}`;
}
