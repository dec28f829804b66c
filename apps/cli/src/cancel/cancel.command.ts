import type Decimal from 'decimal.js';
import type { Wallet } from '@mirrorbook/injective';
import type { TxResult } from '@mirrorbook/injective/signing';
import type { CliContext } from '../cli/cli.context';
import { CliError } from '../cli/cli.errors';
import { EXIT, type ExitCode } from '../cli/exit-codes';
import { MarketReader } from '../chain/market.reader';
import { TxSender } from '../chain/tx.sender';
import { assertMayWrite, readExecutorLease, signingWallet, withWriteLease, type LeaseState } from '../chain/write.guard';
import { formatDecimal } from '../format/number.format';
import { renderTable } from '../format/table.renderer';
import type { WalletAddress } from '../wallets/address.resolver';
import { noAddressHint, resolveWalletTargets } from '../wallets/wallet.targets';
import { planCancelBatches, type CancelBatch, type CancelTarget } from './cancel.planner';

/** Default orders per transaction. */
export const DEFAULT_CANCEL_BATCH_SIZE = 100;

export interface CancelOptions {
  readonly wallet: string;
  readonly market?: string;
  readonly all?: boolean;
  readonly yes?: boolean;
  readonly force?: boolean;
  readonly batchSize?: number;
}

interface PlannedOrder extends CancelTarget {
  readonly side: 'buy' | 'sell';
  readonly price: Decimal;
  readonly quantity: Decimal;
}

interface BatchOutcome {
  readonly batch: CancelBatch;
  readonly result: TxResult;
  readonly cancelled: number;
  readonly notFound: number;
}

/**
 * `mirrorbook cancel`: shows the wallet's open orders that would be cancelled (dry run), or with
 * `--yes` cancels them by hash in batches, one transaction after the other.
 */
export async function cancelCommand(ctx: CliContext, opts: CancelOptions): Promise<ExitCode> {
  if (Boolean(opts.market) === Boolean(opts.all)) throw CliError.usage('cancel needs exactly one of --market <key> and --all');
  const wallet = ctx.wallet(opts.wallet);
  const sides = ctx.sides();
  const pairs = opts.market ? [ctx.market(opts.market)] : ctx.config().markets;
  const batchSize = opts.batchSize ?? DEFAULT_CANCEL_BATCH_SIZE;

  let lease: LeaseState | null;
  let target: WalletAddress;
  let signer: Wallet | undefined;
  if (opts.yes) {
    lease = await assertMayWrite(ctx, sides, wallet, opts.force === true);
    signer = signingWallet(ctx, wallet);
    target = { wallet, address: signer.injAddress, subaccountId: signer.subaccountId, source: 'key' };
  } else {
    [target] = (await resolveWalletTargets(ctx, { wallet })) as [WalletAddress];
    if (!target.address || !target.subaccountId) throw CliError.config(noAddressHint(wallet));
    lease = await readExecutorLease(ctx, wallet).catch((error: Error) => {
      ctx.out.note(`could not check the executor lease: ${error.message}`);
      return null;
    });
  }

  const reader = new MarketReader(ctx);
  const subaccountId = target.subaccountId as string;
  const planned: PlannedOrder[] = await ctx.progress.step(`reading open orders of ${wallet}`, async () =>
    (
      await Promise.all(
        pairs.map(async (pair) =>
          (await reader.openOrders(sides.trading, pair, subaccountId)).map(
            (o): PlannedOrder => ({
              market: pair.key,
              marketId: sides.trading.marketId(pair),
              marketType: pair.type,
              orderHash: o.orderHash,
              side: o.side,
              price: o.price,
              quantity: o.fillable,
            }),
          ),
        ),
      )
    ).flat(),
  );
  const batches = planCancelBatches(planned, batchSize);

  const outcomes: BatchOutcome[] = [];
  let failure: unknown;
  if (opts.yes && signer && batches.length > 0) {
    const sender = new TxSender(ctx.lcd(sides.trading.config), sides.trading.config, signer);
    try {
      await ctx.progress.step(`cancelling batch 1/${batches.length}`, () => withWriteLease(ctx, wallet, opts.force === true, async (stillHeld) => {
        for (const batch of batches) {
          stillHeld();
          ctx.progress.update(`cancelling batch ${batch.index}/${batches.length} (${batch.spot.length + batch.derivative.length} orders)`);
          const result = await sender.send({
            injectiveAddress: signer.injAddress,
            subaccountId: signer.subaccountId,
            spotCancels: batch.spot.map((t) => ({ marketId: t.marketId, orderHash: t.orderHash })),
            derivativeCancels: batch.derivative.map((t) => ({ marketId: t.marketId, orderHash: t.orderHash })),
          });
          const flags = [...result.spotCancelSuccess, ...result.derivativeCancelSuccess];
          outcomes.push({ batch, result, cancelled: flags.filter(Boolean).length, notFound: flags.filter((f) => !f).length });
        }
      }));
    } catch (error) {
      failure = error;
    }
  }

  const cancelled = outcomes.reduce((n, o) => n + o.cancelled, 0);
  const notFound = outcomes.reduce((n, o) => n + o.notFound, 0);
  ctx.out.result(
    {
      network: ctx.networkName,
      wallet,
      address: target.address,
      dryRun: !opts.yes,
      lease: lease && { held: lease.held, holder: lease.holder, ttlMs: lease.ttlMs },
      orders: planned.map((o) => ({
        market: o.market,
        marketId: o.marketId,
        orderHash: o.orderHash,
        side: o.side,
        price: o.price.toFixed(),
        quantity: o.quantity.toFixed(),
      })),
      batches: batches.map((b) => {
        const outcome = outcomes.find((o) => o.batch.index === b.index);
        return {
          index: b.index,
          orders: b.spot.length + b.derivative.length,
          txHash: outcome?.result.txHash ?? null,
          height: outcome?.result.height ?? null,
          cancelled: outcome?.cancelled ?? null,
          notFound: outcome?.notFound ?? null,
        };
      }),
      cancelled: opts.yes ? cancelled : null,
      notFound: opts.yes ? notFound : null,
      error: failure === undefined ? null : (failure as Error).message,
    },
    () => renderCancel(ctx, opts, wallet, target, planned, batches, outcomes, lease),
  );
  if (failure !== undefined) throw failure;
  return EXIT.OK;
}

function renderCancel(
  ctx: CliContext,
  opts: CancelOptions,
  wallet: string,
  target: WalletAddress,
  planned: readonly PlannedOrder[],
  batches: readonly CancelBatch[],
  outcomes: readonly BatchOutcome[],
  lease: LeaseState | null,
): string {
  const txs = `${batches.length} transaction${batches.length === 1 ? '' : 's'}`;
  const orders = renderTable(
    [
      { header: 'MARKET', value: (o: PlannedOrder) => o.market },
      { header: 'SIDE', value: (o: PlannedOrder) => o.side },
      { header: 'PRICE', align: 'right', value: (o: PlannedOrder) => formatDecimal(o.price) },
      { header: 'QTY', align: 'right', value: (o: PlannedOrder) => formatDecimal(o.quantity) },
      { header: 'ORDER', value: (o: PlannedOrder) => o.orderHash },
    ],
    planned,
    '(no open orders)',
  );
  if (!opts.yes) {
    const lines = [`dry run on ${ctx.networkName}: ${planned.length} open orders of wallet ${wallet} (${target.address}) would be cancelled in ${txs}`, orders];
    if (lease?.held) lines.push(`note: executor ${lease.holder} holds the lease of ${wallet}: --yes will be refused unless --force (two signers race on the sequence)`);
    if (planned.length > 0) lines.push('add --yes to cancel them');
    return lines.join('\n');
  }
  if (planned.length === 0) return `nothing to cancel: wallet ${wallet} has no open orders on ${ctx.networkName}`;
  const done = outcomes.reduce((n, o) => n + o.cancelled, 0);
  const results = renderTable(
    [
      { header: 'BATCH', align: 'right', value: (o: BatchOutcome) => String(o.batch.index) },
      { header: 'ORDERS', align: 'right', value: (o: BatchOutcome) => String(o.batch.spot.length + o.batch.derivative.length) },
      { header: 'CANCELLED', align: 'right', value: (o: BatchOutcome) => String(o.cancelled) },
      { header: 'NOT FOUND', align: 'right', value: (o: BatchOutcome) => String(o.notFound) },
      { header: 'HEIGHT', align: 'right', value: (o: BatchOutcome) => String(o.result.height) },
      { header: 'TX', value: (o: BatchOutcome) => o.result.txHash },
    ],
    outcomes,
  );
  return `cancelled ${done} of ${planned.length} open orders of wallet ${wallet} on ${ctx.networkName} in ${outcomes.length} of ${txs}\n${results}`;
}
