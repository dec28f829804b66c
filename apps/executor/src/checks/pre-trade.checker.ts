import type Decimal from 'decimal.js';
import type { BatchIntent, CreateOrderAction, MarketPlan, OrderAction } from '@mirrorbook/contracts';
import { Dec, isOnTick, meetsMinNotional, toDecimalString, type Market } from '@mirrorbook/market';
import type { RunnableIntent } from '../intents/intent.triage';
import type { MarketLimits } from './market-limits';
import { markPriceRefusal } from './mark-price.check';
import { NetPositionBudget } from './net-position.budget';
import type { PreTradeContext } from './pre-trade.context';
import { mayTake, priceBandOf } from './price-band';
import { VenueLimitsCheck } from './venue-limits.check';

/** An action a check refused, with the reason reported for it. */
export interface RejectedAction {
  readonly market: string;
  readonly action: OrderAction;
  readonly reason: string;
  /** refused by a check that counts the wallet's stored orders or balances, which fills since the last reconciliation may have changed */
  readonly onHoldings?: boolean;
}

/** One intent after the checks: the plans to execute (only accepted actions) and what was refused. */
export interface CheckedIntent {
  readonly intent: BatchIntent;
  /** plans with at least one accepted action */
  readonly plans: readonly MarketPlan[];
  readonly rejected: readonly RejectedAction[];
}

const HUNDRED = new Dec(100);

/**
 * The pre-trade checks (docs/architecture.md#pre-trade-checks), over the intents that will share one tx, in order: chain
 * guard; market configured, enabled, active and one of the bot's; per create: client id unused,
 * on tick, minimum notional, price within the band around a fresh reference (wider only while the
 * testnet gap the executor measures is wide, never for a declared phase), derivatives: a mark price
 * and the chain's mark-price rule for the bot's leverage, quantity and notional within the market's
 * per-order caps, the tx's notional within the per-batch limit, the market's rolling taker caps,
 * derivatives: the net position reachable if every resting order of the side filled,
 * the chain's limits (post-only mode, orders per derivative side), and the balance or margin it holds available (balances freed by the tx's
 * own spot cancels count). Before all of them, a wallet whose daily fee budget is spent creates nothing. Refused actions are returned with a reason; nothing is dropped silently.
 */
export function checkPreTrade(intents: readonly RunnableIntent[], ctx: PreTradeContext): CheckedIntent[] {
  const budget = new BalanceBudget(ctx, intents);
  const usedCids = new Set<string>();
  for (const key of new Set(intents.flatMap((r) => r.plans.map((p) => p.market)))) {
    for (const order of ctx.openOrders(key)) if (order.cid) usedCids.add(order.cid);
  }
  let batchNotional = new Dec(0);
  const venue = new VenueLimitsCheck(ctx);
  const positions = new NetPositionBudget(ctx);

  return intents.map(({ intent, plans }) => {
    const accepted: MarketPlan[] = [];
    const rejected: RejectedAction[] = [];
    for (const plan of plans) {
      const refusal = ctx.chainGuard.allowed ? planRefusal(intent, plan, ctx) : ctx.chainGuard.reason;
      if (refusal !== null) {
        rejected.push(...plan.actions.map((action) => ({ market: plan.market, action, reason: refusal })));
        continue;
      }
      const market = ctx.market(plan.market)!.market!;
      const actions: OrderAction[] = [];
      for (const action of plan.actions) {
        if (action.type !== 'create') {
          actions.push(action);
          continue;
        }
        const reason =
          feeBudgetRefusal(ctx) ??
          createRefusal(action, plan, intent.bot, market, ctx, usedCids) ??
          batchRefusal(action, batchNotional, ctx) ??
          takerRefusal(action, intent.bot, plan.market, ctx);
        const holdingsReason =
          reason ??
          venue.refusal(action, plan, market) ??
          positions.refusal(action, plan, intent.bot, market) ??
          budget.reserve(action, market, ctx.params(intent.bot, plan.market).leverage);
        if (holdingsReason !== null) {
          rejected.push({ market: plan.market, action, reason: holdingsReason, onHoldings: reason === null });
          continue;
        }
        recordTaker(action, plan.market, ctx);
        usedCids.add(action.cid);
        venue.accept(action, plan);
        positions.accept(action, plan);
        batchNotional = batchNotional.add(notionalOf(action));
        actions.push(action);
      }
      if (actions.length > 0) accepted.push({ ...plan, actions });
    }
    return { intent, plans: accepted, rejected };
  });
}

/** A spent daily fee budget refuses every create until 00:00 UTC; cancels still go (a stop must always stop). */
function feeBudgetRefusal(ctx: PreTradeContext): string | null {
  return ctx.feeBudget?.state === 'paused' ? (ctx.feeBudget.reason ?? 'daily fee budget reached') : null;
}

function planRefusal(intent: BatchIntent, plan: MarketPlan, ctx: PreTradeContext): string | null {
  const configured = ctx.market(plan.market);
  if (!configured) return `market ${plan.market} is not configured`;
  if (!configured.enabled) return `market ${plan.market} is disabled in config/markets.json`;
  const botMarkets = ctx.botMarkets(intent.bot);
  if (!botMarkets) return `bot ${intent.bot} is not configured for this wallet`;
  if (!botMarkets.includes(plan.market)) return `market ${plan.market} is not one of bot ${intent.bot}'s markets`;
  if (!configured.market) return configured.unavailable ?? `market ${plan.market} metadata could not be read from the chain`;
  if (configured.market.status !== 'active') return `market ${plan.market} is ${configured.market.status} on chain`;
  return null;
}

function createRefusal(
  action: CreateOrderAction,
  plan: MarketPlan,
  bot: string,
  market: Market,
  ctx: PreTradeContext,
  usedCids: ReadonlySet<string>,
): string | null {
  const price = new Dec(action.price);
  const quantity = new Dec(action.quantity);
  if (usedCids.has(action.cid)) return `client order id ${action.cid} is already in use`;
  if (action.reduceOnly && market.type === 'spot') return 'reduce-only applies to derivative markets only';
  if (!isOnTick(price, market.priceTick)) return `price ${action.price} is not a multiple of the price tick ${toDecimalString(market.priceTick)}`;
  if (!isOnTick(quantity, market.quantityTick)) {
    return `quantity ${action.quantity} is not a multiple of the quantity tick ${toDecimalString(market.quantityTick)}`;
  }
  if (!meetsMinNotional(market, price, quantity)) {
    return `notional ${toDecimalString(price.mul(quantity))} is below the market minimum ${toDecimalString(market.minNotional)}`;
  }
  const bandRefusal = priceBandRefusal(price, plan.market, ctx);
  if (bandRefusal !== null) return bandRefusal;
  const { leverage } = ctx.params(bot, plan.market);
  const markRefusal = markPriceRefusal(action, market, plan.market, leverage, ctx.mark(plan.market));
  if (markRefusal !== null) return markRefusal;
  return orderSizeRefusal(price, quantity, ctx.marketLimits(bot, plan.market));
}

function orderSizeRefusal(price: Decimal, quantity: Decimal, limits: MarketLimits): string | null {
  if (quantity.gt(limits.maxOrderQuantity)) {
    return `quantity ${toDecimalString(quantity)} exceeds the per-order limit ${toDecimalString(limits.maxOrderQuantity)} (${limits.maxOrderQuantitySource})`;
  }
  const notional = price.mul(quantity);
  if (notional.gt(limits.maxOrderNotional)) {
    return `notional ${toDecimalString(notional)} exceeds the per-order limit ${toDecimalString(limits.maxOrderNotional)}`;
  }
  return null;
}

function priceBandRefusal(price: Decimal, marketKey: string, ctx: PreTradeContext): string | null {
  const reference = ctx.reference(marketKey);
  if (!reference) return `no reference price for ${marketKey}`;
  const ageMs = ctx.now - reference.ts;
  if (ageMs > ctx.limits.referenceMaxAgeMs) return `reference price for ${marketKey} is stale (${Math.round(ageMs / 1000)} s old)`;
  const band = priceBandOf(ctx.limits, reference.price, ctx.trading(marketKey), ctx.now, price);
  const distancePct = price.sub(reference.price).abs().div(reference.price).mul(HUNDRED);
  if (distancePct.lte(band.pct)) return null;
  const widened = band.widened ? `, widened by the measured testnet gap ${band.measuredGapPct!.toDecimalPlaces(2).toFixed()} %` : '';
  return `price ${toDecimalString(price)} is ${distancePct.toDecimalPlaces(2).toFixed()} % from the reference ${toDecimalString(reference.price)} (band ±${toDecimalString(band.pct)} %${widened})`;
}

/** The signed notional (buys positive) a create adds to the taker window; null when it cannot take. */
function takerNotional(action: CreateOrderAction, marketKey: string, ctx: PreTradeContext): Decimal | null {
  if (!mayTake(action, ctx.trading(marketKey), ctx.now, ctx.limits.tradingPriceMaxAgeMs)) return null;
  const notional = notionalOf(action);
  return action.side === 'buy' ? notional : notional.neg();
}

function takerRefusal(action: CreateOrderAction, bot: string, marketKey: string, ctx: PreTradeContext): string | null {
  const signed = takerNotional(action, marketKey, ctx);
  if (signed === null) return null;
  const limits = ctx.marketLimits(bot, marketKey);
  const used = ctx.takerWindow.usage(marketKey, ctx.now);
  const window = `${Math.round(ctx.limits.windowMs / 1000)} s`;
  const gross = used.gross.add(signed.abs());
  if (gross.gt(limits.maxTakerNotional)) {
    return `taker notional on ${marketKey} would reach ${toDecimalString(gross)} in ${window}, above the limit ${toDecimalString(limits.maxTakerNotional)}`;
  }
  const net = used.net.add(signed);
  if (net.abs().gt(limits.maxNetTakerNotional) && net.abs().gt(used.net.abs())) {
    return `net taker notional on ${marketKey} would reach ${toDecimalString(net)} in ${window}, beyond the limit ±${toDecimalString(limits.maxNetTakerNotional)}`;
  }
  return null;
}

function recordTaker(action: CreateOrderAction, marketKey: string, ctx: PreTradeContext): void {
  const signed = takerNotional(action, marketKey, ctx);
  if (signed !== null) ctx.takerWindow.record(marketKey, signed, ctx.now);
}

function batchRefusal(action: CreateOrderAction, batchNotional: Decimal, ctx: PreTradeContext): string | null {
  const total = batchNotional.add(notionalOf(action));
  if (total.lte(ctx.limits.maxBatchNotional)) return null;
  return `the tx's notional would reach ${toDecimalString(total)}, above the per-batch limit ${toDecimalString(ctx.limits.maxBatchNotional)}`;
}

function notionalOf(action: CreateOrderAction): Decimal {
  return new Dec(action.price).mul(action.quantity);
}

/** What each create holds of which denom, against what is available plus what the tx's cancels free. */
class BalanceBudget {
  private readonly remaining = new Map<string, Decimal>();

  constructor(
    private readonly ctx: PreTradeContext,
    intents: readonly RunnableIntent[],
  ) {
    for (const [denom, amount] of ctx.available ?? []) this.remaining.set(denom, amount);
    for (const [denom, amount] of freedBySpotCancels(intents, ctx)) this.credit(denom, amount);
  }

  /** Reserves what `action` holds; the refusal reason when it does not fit. */
  reserve(action: CreateOrderAction, market: Market, leverage: Decimal): string | null {
    if (this.ctx.available === undefined) return 'balances unknown: the deposits query failed';
    const { denom, amount } = holdOf(action, market, leverage);
    if (amount.isZero()) return null;
    const left = this.remaining.get(denom) ?? new Dec(0);
    if (left.lt(amount)) {
      const symbol = denom === market.baseDenom ? market.baseSymbol : market.quoteSymbol;
      return `insufficient balance: needs ${toDecimalString(amount)} ${symbol}, ${toDecimalString(left)} available`;
    }
    this.remaining.set(denom, left.sub(amount));
    return null;
  }

  private credit(denom: string, amount: Decimal): void {
    this.remaining.set(denom, (this.remaining.get(denom) ?? new Dec(0)).add(amount));
  }
}

function feeFactor(market: Market): Decimal {
  return Dec.max(market.takerFeeRate, market.makerFeeRate, 0);
}

function holdOf(action: { side: 'buy' | 'sell'; price: string; quantity: string; reduceOnly?: boolean }, market: Market, leverage: Decimal) {
  const notional = new Dec(action.price).mul(action.quantity);
  const fee = notional.mul(feeFactor(market));
  if (market.type === 'derivative') {
    return { denom: market.quoteDenom, amount: action.reduceOnly ? new Dec(0) : notional.div(leverage).add(fee) };
  }
  if (action.side === 'buy') return { denom: market.quoteDenom, amount: notional.add(fee) };
  return { denom: market.baseDenom ?? market.baseSymbol, amount: new Dec(action.quantity) };
}

/** Spot balances the tx's own cancels release (derivative margin is left out: it stays conservative). */
function freedBySpotCancels(intents: readonly RunnableIntent[], ctx: PreTradeContext): Map<string, Decimal> {
  const freed = new Map<string, Decimal>();
  const seen = new Set<string>();
  for (const { plans } of intents) {
    for (const plan of plans) {
      const market = ctx.market(plan.market)?.market;
      if (!market || market.type !== 'spot') continue;
      const open = ctx.openOrders(plan.market);
      const cancelAll = plan.actions.some((a) => a.type === 'cancelAll');
      const hashes = new Set(plan.actions.flatMap((a) => (a.type === 'cancel' ? [a.orderHash.toLowerCase()] : [])));
      for (const order of open) {
        if (seen.has(order.orderHash) || (!cancelAll && !hashes.has(order.orderHash.toLowerCase()))) continue;
        seen.add(order.orderHash);
        const { denom, amount } = holdOf(order, market, new Dec(1));
        freed.set(denom, (freed.get(denom) ?? new Dec(0)).add(amount));
      }
    }
  }
  return freed;
}
