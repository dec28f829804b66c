import { Dec } from '@mirrorbook/market';
import type { StoredOrder } from '@mirrorbook/contracts';
import { batchIntent, createAction, marketPlan } from '../testing/intent.fixture';
import { testnetMarket } from '../testing/market.fixture';
import { checkPreTrade } from './pre-trade.checker';
import { marketLimitsOf } from './market-limits';
import type { PreTradeContext } from './pre-trade.context';
import { TakerWindow } from './taker.window';

const NOW = 2_000_000;
const USDT = 'peggy0x87aB3B4C8661e07D6372361211B96ed4Dc36B1B5';
const markets = { 'inj-usdt': testnetMarket('inj-usdt'), 'inj-usdt-perp': testnetMarket('inj-usdt-perp') };

function context(overrides: Partial<PreTradeContext> = {}): PreTradeContext {
  const ctx: PreTradeContext = {
    now: NOW,
    chainGuard: { allowed: true },
    limits: {
      bandPct: new Dec(10),
      movingBandPct: new Dec(50),
      marketMovingGapPct: new Dec(10),
      tradingPriceMaxAgeMs: 10_000,
      windowMs: 60_000,
      maxTakerNotional: new Dec(50_000),
      maxNetTakerNotional: new Dec(25_000),
      referenceMaxAgeMs: 60_000,
      maxOrderSizeMultiple: new Dec(10),
      maxOrderNotional: new Dec(1000),
      maxBatchNotional: new Dec(5000),
      gasReserve: new Dec(0),
    },
    botMarkets: () => ['inj-usdt', 'inj-usdt-perp'],
    market: (key) => (key in markets ? { enabled: true, market: markets[key as keyof typeof markets] } : undefined),
    reference: () => ({ price: new Dec(10), ts: NOW - 1000 }),
    params: () => ({ configuredBaseSize: new Dec(1), configuredMaxNetPosition: new Dec(100), leverage: new Dec(2) }),
    available: new Map([[USDT, new Dec(10_000)], ['inj', new Dec(100)]]),
    openOrders: () => [],
    position: () => new Dec(0),
    mark: () => new Dec(10),
    trading: () => undefined,
    marketLimits: (bot, key) => marketLimitsOf(ctx.limits, {}, ctx.params(bot, key)),
    takerWindow: new TakerWindow(60_000),
    ...overrides,
  };
  return ctx;
}

const resting = (i: number, side: 'buy' | 'sell'): StoredOrder => ({
  orderHash: `0x${i.toString(16).padStart(64, '0')}`,
  cid: null,
  side,
  price: '9',
  quantity: '1',
  createdAt: NOW,
  height: 1,
});

function reasonsOf(actions: ReturnType<typeof createAction>[], ctx: PreTradeContext, market = 'inj-usdt-perp'): string[] {
  const intent = batchIntent('i1', [marketPlan(market, 1, actions)]);
  return checkPreTrade([{ intent, plans: intent.plans, supersededMarkets: [] }], ctx).flatMap((c) => c.rejected.map((r) => r.reason));
}

describe('pre-trade: the chain limits from the exchange params', () => {
  it('caps the resting orders of a derivative side at max_derivative_order_side_count, counting the tx\'s creates', () => {
    const ctx = context({ venue: { maxDerivativeOrderSideCount: 3, postOnlyUntilHeight: null }, openOrders: () => [resting(1, 'buy'), resting(2, 'buy'), resting(3, 'sell')] });
    const reasons = reasonsOf([createAction({ price: '9.5' }), createAction({ price: '9.6' }), createAction({ side: 'sell', price: '10.5' })], ctx);
    expect(reasons).toEqual(['3 buy orders would rest on inj-usdt-perp: the chain allows 3 a side (max_derivative_order_side_count)']);
  });

  it('counts the plan\'s own cancels as freed places', () => {
    const ctx = context({ venue: { maxDerivativeOrderSideCount: 2, postOnlyUntilHeight: null }, openOrders: () => [resting(1, 'buy'), resting(2, 'buy')] });
    expect(reasonsOf([{ type: 'cancel', orderHash: resting(1, 'buy').orderHash } as never, createAction({ price: '9.5' })], ctx)).toEqual([]);
  });

  it('does not cap spot markets', () => {
    const ctx = context({ venue: { maxDerivativeOrderSideCount: 0, postOnlyUntilHeight: null } });
    expect(reasonsOf([createAction({ price: '9.5' })], ctx, 'inj-usdt')).toEqual([]);
  });

  it('while post-only mode lasts, refuses creates that may cross with the reason, keeps post-only ones', () => {
    const ctx = context({ venue: { maxDerivativeOrderSideCount: 100, postOnlyUntilHeight: 5000 } });
    expect(reasonsOf([createAction({ postOnly: false, price: '10.2' }), createAction({ price: '9.5' })], ctx, 'inj-usdt')).toEqual([
      'the exchange is in post-only mode until height 5000: a create that may cross is refused (chain errors 59/96)',
    ]);
  });
});
