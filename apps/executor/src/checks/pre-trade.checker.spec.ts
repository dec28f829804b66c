import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';
import type { StoredOrder } from '@mirrorbook/contracts';
import type { RunnableIntent } from '../intents/intent.triage';
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
    botMarkets: (bot) => (bot === 'b1' ? ['inj-usdt', 'inj-usdt-perp'] : undefined),
    market: (key) => (key in markets ? { enabled: true, market: markets[key as keyof typeof markets] } : undefined),
    reference: () => ({ price: new Dec(10), ts: NOW - 1000 }),
    mark: (key) => (key === 'inj-usdt-perp' ? new Dec(10) : undefined),
    params: () => ({ configuredBaseSize: new Dec(1), configuredMaxNetPosition: new Dec(100), leverage: new Dec(2) }),
    available: new Map([
      [USDT, new Dec(10_000)],
      ['inj', new Dec(100)],
    ]),
    openOrders: () => [],
    position: () => new Dec(0),
    trading: () => undefined,
    marketLimits: (bot, key) => marketLimitsOf(ctx.limits, {}, ctx.params(bot, key)),
    takerWindow: new TakerWindow(60_000),
    ...overrides,
  };
  return ctx;
}

function runnable(...intents: ReturnType<typeof batchIntent>[]): RunnableIntent[] {
  return intents.map((intent) => ({ intent, plans: intent.plans, supersededMarkets: [] }));
}

function reasons(intents: RunnableIntent[], ctx = context()): string[] {
  return checkPreTrade(intents, ctx).flatMap((c) => c.rejected.map((r) => r.reason));
}

const one = (action = createAction(), market = 'inj-usdt', phase: 'MAINTENANCE' | 'MARKET_MOVING' = 'MAINTENANCE') =>
  runnable(batchIntent('i1', [marketPlan(market, 1, [action], phase)]));

describe('checkPreTrade', () => {
  describe('when every check passes', () => {
    it('keeps the plan whole and refuses nothing', () => {
      const [checked] = checkPreTrade(one(createAction({ price: '10.5', quantity: '2' })), context());
      expect(checked.rejected).toEqual([]);
      expect(checked.plans[0].actions).toHaveLength(1);
    });
  });

  describe('when the price is outside the band around the reference', () => {
    it('refuses it, naming the distance and the band', () => {
      expect(reasons(one(createAction({ price: '11.5' })))).toEqual([
        'price 11.5 is 15 % from the reference 10 (band ±10 %)',
      ]);
    });

    const testnetAt = (mid: string, ageMs = 1000) => () => ({ mid: new Dec(mid), bid: null, ask: null, ts: NOW - ageMs });

    it('refuses a self-declared MARKET_MOVING create at reference × 1.45 while the measured gap is < 2 %, naming the band', () => {
      const ctx = context({ trading: testnetAt('10.15') });
      expect(reasons(one(createAction({ side: 'sell', price: '14.5' }), 'inj-usdt', 'MARKET_MOVING'), ctx)).toEqual([
        'price 14.5 is 45 % from the reference 10 (band ±10 %)',
      ]);
      expect(reasons(one(createAction({ price: '11.5' }), 'inj-usdt', 'MARKET_MOVING'), ctx)).toEqual([
        'price 11.5 is 15 % from the reference 10 (band ±10 %)',
      ]);
    });

    it('keeps the normal band for a MARKET_MOVING plan when no testnet price is known, or it is stale', () => {
      expect(reasons(one(createAction({ price: '11.5' }), 'inj-usdt', 'MARKET_MOVING'))).toEqual([
        'price 11.5 is 15 % from the reference 10 (band ±10 %)',
      ]);
      const stale = context({ trading: testnetAt('13', 10_001) });
      expect(reasons(one(createAction({ price: '11.5' }), 'inj-usdt', 'MARKET_MOVING'), stale)).toEqual([
        'price 11.5 is 15 % from the reference 10 (band ±10 %)',
      ]);
    });

    it('widens the band to the measured gap + the normal band once the gap exceeds the market-moving threshold, whatever the phase', () => {
      expect(reasons(one(createAction({ price: '12' })), context({ trading: testnetAt('11') }))).toEqual([
        'price 12 is 20 % from the reference 10 (band ±10 %)',
      ]);
      const shocked = context({ trading: testnetAt('7') });
      expect(reasons(one(createAction({ price: '6.1' })), shocked)).toEqual([]);
      expect(reasons(one(createAction({ price: '5.9' })), shocked)).toEqual([
        'price 5.9 is 41 % from the reference 10 (band ±40 %, widened by the measured testnet gap 30 %)',
      ]);
      // only towards the testnet mid: the other side keeps the normal band
      expect(reasons(one(createAction({ side: 'sell', price: '11.5' })), shocked)).toEqual([
        'price 11.5 is 15 % from the reference 10 (band ±10 %)',
      ]);
    });

    it('caps the widened band at the moving band', () => {
      expect(reasons(one(createAction({ side: 'sell', price: '15.5' })), context({ trading: testnetAt('18') }))).toEqual([
        'price 15.5 is 55 % from the reference 10 (band ±50 %, widened by the measured testnet gap 80 %)',
      ]);
    });

    it('refuses when the reference is missing or stale', () => {
      expect(reasons(one(), context({ reference: () => undefined }))).toEqual(['no reference price for inj-usdt']);
      const stale = context({ reference: () => ({ price: new Dec(10), ts: NOW - 90_000 }) });
      expect(reasons(one(), stale)).toEqual(['reference price for inj-usdt is stale (90 s old)']);
    });
  });

  describe('when the derivative mark price breaks the chain’s mark-price rule (IMR 0.083333, leverage 2)', () => {
    const perpBuy = (mark: Decimal | null | undefined, action = createAction({ price: '10', quantity: '1' })) =>
      reasons(one(action, 'inj-usdt-perp'), context({ mark: () => mark }));

    it('accepts a buy while the mark is at the bound P(1 − 1/L)/(1 − IMR) = 10 · 0.5 / 0.916667, refuses it below, naming mark, price, leverage and bound', () => {
      expect(perpBuy(new Dec('5.454543471075101427'))).toEqual([]);
      expect(perpBuy(new Dec('5.454543471075101426'))).toEqual([
        'mark price 5.454543471075101426 is below the bound 5.454543471075101427 of a buy at 10 with leverage 2 (P(1 − 1/L)/(1 − IMR), IMR 0.083333)',
      ]);
    });

    it('refuses a sell above P(1 + 1/L)/(1 + IMR)', () => {
      const sell = createAction({ side: 'sell', price: '10', quantity: '1' });
      expect(perpBuy(new Dec('13.846158106510186619'), sell)).toEqual([]);
      expect(perpBuy(new Dec('13.9'), sell)).toEqual([
        'mark price 13.9 is above the bound 13.846158106510186619 of a sell at 10 with leverage 2 (P(1 + 1/L)/(1 + IMR), IMR 0.083333)',
      ]);
    });

    it('refuses every create of the market while the chain has no mark, reduce-only too, and when the mark could not be read', () => {
      expect(perpBuy(null)).toEqual(['no mark price for inj-usdt-perp: the chain refuses every order of the market']);
      expect(perpBuy(null, createAction({ side: 'sell', reduceOnly: true }))).toEqual([
        'no mark price for inj-usdt-perp: the chain refuses every order of the market',
      ]);
      expect(perpBuy(undefined)).toEqual(['mark price of inj-usdt-perp unknown: the derivative market query failed']);
    });

    it('leaves reduce-only orders and spot markets to the other checks', () => {
      expect(perpBuy(new Dec(1), createAction({ side: 'sell', reduceOnly: true }))).toEqual([]);
      expect(reasons(one(createAction()), context({ mark: () => null }))).toEqual([]);
    });
  });

  describe('when an order is oversized', () => {
    it('refuses a quantity above the multiple of the configured baseSize', () => {
      expect(reasons(one(createAction({ quantity: '11' })))).toEqual([
        'quantity 11 exceeds the per-order limit 10 (10 × configured baseSize 1)',
      ]);
    });

    it("refuses above the market's absolute caps from config, whatever the baseSize", () => {
      const ctx = context({
        params: () => ({ configuredBaseSize: new Dec(1000), configuredMaxNetPosition: new Dec(100), leverage: new Dec(2) }),
        marketLimits: () => marketLimitsOf(context().limits, { maxOrderQuantity: '5', maxOrderNotional: '40' }, { configuredBaseSize: new Dec(1000), configuredMaxNetPosition: new Dec(100) }),
      });
      expect(reasons(one(createAction({ quantity: '6' })), ctx)).toEqual(['quantity 6 exceeds the per-order limit 5 (executorLimits.maxOrderQuantity)']);
      expect(reasons(one(createAction({ quantity: '4.1' })), ctx)).toEqual(['notional 41 exceeds the per-order limit 40']);
      expect(reasons(one(createAction({ quantity: '4' })), ctx)).toEqual([]);
    });

    it('refuses a notional above the per-order limit', () => {
      const ctx = context({ params: () => ({ configuredBaseSize: new Dec(1000), configuredMaxNetPosition: new Dec(100), leverage: new Dec(2) }) });
      expect(reasons(one(createAction({ quantity: '101' })), ctx)).toEqual([
        'notional 1010 exceeds the per-order limit 1000',
      ]);
    });

    it('refuses the creates that would push the tx past the per-batch notional', () => {
      const actions = Array.from({ length: 6 }, () => createAction({ quantity: '10', price: '10' }));
      const out = reasons(runnable(batchIntent('i1', [marketPlan('inj-usdt', 1, actions)])));
      expect(out).toEqual([]);
      const big = context({ limits: { ...context().limits, maxBatchNotional: new Dec(450) } });
      expect(reasons(runnable(batchIntent('i1', [marketPlan('inj-usdt', 1, actions)])), big)).toEqual([
        "the tx's notional would reach 500, above the per-batch limit 450",
        "the tx's notional would reach 500, above the per-batch limit 450",
      ]);
    });
  });

  describe('when the balance is short', () => {
    it('refuses the buy that no longer fits, with the amounts', () => {
      const ctx = context({ available: new Map([[USDT, new Dec(15)]]) });
      const out = reasons(runnable(batchIntent('i1', [marketPlan('inj-usdt', 1, [createAction(), createAction()])])), ctx);
      expect(out).toEqual(['insufficient balance: needs 10.01 USDT, 4.99 available']);
    });

    it('counts what the same tx cancels as freed', () => {
      const resting: StoredOrder = {
        orderHash: `0x${'ab'.repeat(32)}`,
        cid: 'old',
        side: 'buy',
        price: '10',
        quantity: '1',
        createdAt: NOW,
        height: 1,
      };
      const ctx = context({ available: new Map([[USDT, new Dec(1)]]), openOrders: () => [resting] });
      const plan = marketPlan('inj-usdt', 1, [{ type: 'cancel', orderHash: resting.orderHash }, createAction({ price: '9.9' })]);
      expect(reasons(runnable(batchIntent('i1', [plan])), ctx)).toEqual([]);
    });

    it('holds margin, not notional, for a derivative order', () => {
      const ctx = context({ available: new Map([[USDT, new Dec(6)]]) });
      expect(reasons(one(createAction({ quantity: '1', price: '10' }), 'inj-usdt-perp'), ctx)).toEqual([]);
      const poor = context({ available: new Map([[USDT, new Dec(4)]]) });
      expect(reasons(one(createAction({ quantity: '1', price: '10' }), 'inj-usdt-perp'), poor)).toEqual([
        'insufficient balance: needs 5.005 USDT, 4 available',
      ]);
    });

    it('refuses every create when the balances are unknown', () => {
      expect(reasons(one(), context({ available: undefined }))).toEqual(['balances unknown: the deposits query failed']);
    });
  });

  describe('when the chain is mainnet and trading there is not allowed', () => {
    it('refuses every action of every plan with the guard\'s reason', () => {
      const ctx = context({ chainGuard: { allowed: false, reason: 'chain injective-1 is mainnet' } });
      const plan = marketPlan('inj-usdt', 1, [createAction(), { type: 'cancelAll' }]);
      const [checked] = checkPreTrade(runnable(batchIntent('i1', [plan])), ctx);
      expect(checked.plans).toEqual([]);
      expect(checked.rejected.map((r) => r.reason)).toEqual(['chain injective-1 is mainnet', 'chain injective-1 is mainnet']);
    });
  });

  describe('when the market is not tradable for the bot', () => {
    it('refuses an unconfigured market', () => {
      expect(reasons(one(createAction(), 'doge-usdt'))).toEqual(['market doge-usdt is not configured']);
    });

    it('refuses a market the bot does not trade', () => {
      const ctx = context({ botMarkets: () => ['inj-usdt-perp'] });
      expect(reasons(one(), ctx)).toEqual(["market inj-usdt is not one of bot b1's markets"]);
    });

    it('refuses a disabled market', () => {
      const ctx = context({ market: () => ({ enabled: false, market: markets['inj-usdt'] }) });
      expect(reasons(one(), ctx)).toEqual(['market inj-usdt is disabled in config/markets.json']);
    });
  });

  describe('when the order does not fit the market', () => {
    it('refuses an off-tick price and a reused client id', () => {
      expect(reasons(one(createAction({ price: '10.0005' })))).toEqual(['price 10.0005 is not a multiple of the price tick 0.001']);
      const taken: StoredOrder = { orderHash: `0x${'cd'.repeat(32)}`, cid: 'dup', side: 'sell', price: '11', quantity: '1', createdAt: NOW, height: 1 };
      expect(reasons(one(createAction({ cid: 'dup' })), context({ openOrders: () => [taken] }))).toEqual([
        'client order id dup is already in use',
      ]);
    });
  });

  describe('when orders may take liquidity (rolling window per market)', () => {
    const taker = (side: 'buy' | 'sell', price = '10', quantity = '1') => createAction({ side, price, quantity, postOnly: false });
    const capped = (window: TakerWindow, now = NOW, trading?: PreTradeContext['trading']) =>
      context({
        now,
        reference: () => ({ price: new Dec(10), ts: now - 1000 }),
        takerWindow: window,
        ...(trading ? { trading } : {}),
        marketLimits: () => marketLimitsOf(context().limits, { maxTakerNotional: '25', maxNetTakerNotional: '15' }, { configuredBaseSize: new Dec(1), configuredMaxNetPosition: new Dec(100) }),
      });

    it('refuses the taker notional above the cap, and accepts again once the window has passed', () => {
      const window = new TakerWindow(60_000);
      expect(reasons(one(taker('buy')), capped(window))).toEqual([]);
      expect(reasons(one(taker('sell')), capped(window, NOW + 1000))).toEqual([]);
      expect(reasons(one(taker('sell')), capped(window, NOW + 2000))).toEqual([
        'taker notional on inj-usdt would reach 30 in 60 s, above the limit 25',
      ]);
      expect(reasons(one(taker('sell')), capped(window, NOW + 61_000))).toEqual([]);
    });

    it('refuses the net (buys − sells) taker notional beyond the cap, but lets a sell bring it back', () => {
      const window = new TakerWindow(60_000);
      expect(reasons(one(taker('buy', '10', '1.5')), capped(window))).toEqual([]);
      expect(reasons(one(taker('buy')), capped(window))).toEqual(['net taker notional on inj-usdt would reach 25 in 60 s, beyond the limit ±15']);
      expect(reasons(one(taker('sell', '10', '0.5')), capped(window))).toEqual([]);
      expect(window.usage('inj-usdt', NOW)).toEqual({ gross: new Dec(20), net: new Dec(10) });
    });

    it('counts the creates of one tx against each other', () => {
      const actions = [taker('buy'), taker('sell'), taker('buy')];
      expect(reasons(runnable(batchIntent('i1', [marketPlan('inj-usdt', 1, actions)])), capped(new TakerWindow(60_000)))).toEqual([
        'taker notional on inj-usdt would reach 30 in 60 s, above the limit 25',
      ]);
    });

    it('never counts post-only creates, nor one a fresh testnet book shows will not cross', () => {
      const window = new TakerWindow(60_000);
      const book = () => ({ mid: new Dec('10.05'), bid: new Dec('10'), ask: new Dec('10.1'), ts: NOW - 500 });
      expect(reasons(one(createAction({ quantity: '2' })), capped(window))).toEqual([]);
      expect(reasons(one(taker('buy', '10.05', '2')), capped(window, NOW, book))).toEqual([]);
      expect(window.usage('inj-usdt', NOW).gross.toFixed()).toBe('0');
      expect(reasons(one(taker('buy', '10.1', '1')), capped(window, NOW, book))).toEqual([]);
      expect(window.usage('inj-usdt', NOW).gross.toFixed()).toBe('10.1');
    });
  });

  describe('when a derivative create could let the net position pass the cap (every resting order of its side filled)', () => {
    const perp = 'inj-usdt-perp';
    const resting = (side: 'buy' | 'sell', quantity: string, orderHash = `0x${'a'.repeat(63)}1`) => ({
      orderHash, cid: null, side, price: '10', quantity, createdAt: NOW - 5000, height: 1,
    });
    const capped = (position: string | undefined, open: ReturnType<typeof resting>[] = [], configured: Record<string, string> = {}) =>
      context({
        position: (key) => (key === perp && position !== undefined ? new Dec(position) : undefined),
        openOrders: (key) => (key === perp ? open : []),
        marketLimits: () => marketLimitsOf(context().limits, configured, { configuredBaseSize: new Dec(1), configuredMaxNetPosition: new Dec(5) }),
      });
    const buy = (quantity: string, extra: Partial<ReturnType<typeof createAction>> = {}) => createAction({ side: 'buy', price: '10', quantity, ...extra });

    it('counts the position, the resting orders of the side and the new order against the configured maxNetPosition', () => {
      expect(reasons(one(buy('1'), perp), capped('3', [resting('buy', '1')]))).toEqual([]);
      expect(reasons(one(buy('1.5'), perp), capped('3', [resting('buy', '1')]))).toEqual([
        'net position on inj-usdt-perp could reach 5.5 long if every resting buy filled, beyond the limit ±5 (configured maxNetPosition)',
      ]);
    });

    it('lets the other side grow while long, up to the cap short, and never counts reduce-only creates', () => {
      expect(reasons(one(createAction({ side: 'sell', price: '10', quantity: '8' }), perp), capped('3'))).toEqual([]);
      expect(reasons(one(createAction({ side: 'sell', price: '10', quantity: '8.5' }), perp), capped('3'))).toEqual([
        'net position on inj-usdt-perp could reach 5.5 short if every resting sell filled, beyond the limit ±5 (configured maxNetPosition)',
      ]);
      expect(reasons(one(buy('4', { reduceOnly: true }), perp), capped('-4'))).toEqual([]);
    });

    it('counts the creates of one tx against each other, and frees what the same plan cancels', () => {
      const two = runnable(batchIntent('i1', [marketPlan(perp, 1, [buy('3'), buy('3')])]));
      expect(reasons(two, capped('0'))).toEqual([
        'net position on inj-usdt-perp could reach 6 long if every resting buy filled, beyond the limit ±5 (configured maxNetPosition)',
      ]);
      const hash = `0x${'b'.repeat(64)}`;
      const replacing = runnable(batchIntent('i1', [marketPlan(perp, 1, [{ type: 'cancel', orderHash: hash }, buy('4')])]));
      expect(reasons(replacing, capped('1', [resting('buy', '4', hash)]))).toEqual([]);
      expect(reasons(one(buy('4'), perp), capped('1', [resting('buy', '4', hash)]))).toHaveLength(1);
    });

    it('takes the cap from executorLimits.maxNetPosition when the market sets one, and refuses when the position is unknown', () => {
      expect(reasons(one(buy('4'), perp), capped('0', [], { maxNetPosition: '3' }))).toEqual([
        'net position on inj-usdt-perp could reach 4 long if every resting buy filled, beyond the limit ±3 (executorLimits.maxNetPosition)',
      ]);
      expect(reasons(one(buy('1'), perp), capped(undefined))).toEqual(['net position on inj-usdt-perp unknown: the positions query failed']);
    });

    it('leaves spot markets alone', () => {
      expect(reasons(one(buy('50')), capped('0'))).not.toContainEqual(expect.stringContaining('net position'));
    });
  });

});
