import type Decimal from 'decimal.js';
import { Dec, markPriceThreshold } from '@mirrorbook/market';
import { ExchangeEngine } from './exchange.engine';
import { injUsdtMarkets } from './inj-usdt.fixture';
import { batch, order, subaccount } from './sim-batch.fixture';

const { spotMainnet, spotTestnet, perpTestnet, all } = injUsdtMarkets();
const USDT = spotTestnet.quoteDenom;
const INJ = spotTestnet.baseDenom!;
const alice = subaccount('a0');
const bob = subaccount('b0');
const carol = subaccount('c0');

function fundedEngine(): ExchangeEngine {
  const engine = new ExchangeEngine(all);
  for (const sub of [alice, bob, carol]) {
    engine.credit(sub, USDT, new Dec(10_000));
    engine.credit(sub, INJ, new Dec(1_000));
    engine.credit(sub, spotMainnet.quoteDenom, new Dec(10_000));
  }
  return engine;
}

function balance(engine: ExchangeEngine, sub: string, denom: string): { available: string; total: string } {
  const d = engine.deposits(sub).get(denom);
  return { available: d?.available.toFixed() ?? '0', total: d?.total.toFixed() ?? '0' };
}

describe('ExchangeEngine', () => {
  describe('when a batch holds an order off the price tick', () => {
    it('fails only that order, with its cid and the chain reason, and creates the rest', () => {
      const engine = fundedEngine();
      const result = engine.applyBatch(
        batch(alice, {
          spotOrdersToCreate: [
            order(spotTestnet.id, 'buy', '9.990', '1', { cid: 'ok-1' }),
            order(spotTestnet.id, 'buy', '9.9905', '1', { cid: 'off-tick' }),
            order(spotTestnet.id, 'sell', '10.010', '1', { cid: 'ok-2' }),
          ],
        }),
        1,
      );
      expect(result.failedOrdersCids).toEqual(['off-tick']);
      expect(result.failures).toEqual([
        { cid: 'off-tick', code: 16, reason: 'price must be a multiple of the minimum price tick size' },
      ]);
      expect(result.createdOrdersCids).toEqual(['ok-1', 'ok-2']);
      expect(result.spotOrderHashes).toHaveLength(2);
      expect(engine.openOrders(spotTestnet.id, alice).map((o) => o.cid)).toEqual(['ok-1', 'ok-2']);
    });

    it('fails a quantity off the quantity tick and a notional below the minimum the same way', () => {
      const engine = fundedEngine();
      const result = engine.applyBatch(
        batch(alice, {
          spotOrdersToCreate: [
            order(spotTestnet.id, 'buy', '9.990', '1.0005', { cid: 'qty' }),
            // mainnet INJ/USDT needs 1 USDT of notional: 0.05 × 10 = 0.5
            order(spotMainnet.id, 'buy', '10.000', '0.05', { cid: 'small' }),
            order(spotMainnet.id, 'buy', '10.000', '0.1', { cid: 'enough' }),
          ],
        }),
        1,
      );
      expect(result.failures.map((f) => [f.cid, f.code, f.reason])).toEqual([
        ['qty', 17, 'quantity must be a multiple of the minimum quantity tick size'],
        ['small', 1, "order notional is below the market's minimum notional"],
      ]);
      expect(result.createdOrdersCids).toEqual(['enough']);
    });

    it('fails an order for an unknown market or a spot market used as a derivative one', () => {
      const engine = fundedEngine();
      const result = engine.applyBatch(
        batch(alice, {
          spotOrdersToCreate: [order(`0x${'9'.repeat(64)}`, 'buy', '1', '1', { cid: 'nowhere' })],
          derivativeOrdersToCreate: [order(spotTestnet.id, 'buy', '1', '1', { cid: 'wrong-type', margin: '1' })],
        }),
        1,
      );
      expect(result.failures).toEqual([
        { cid: 'nowhere', code: 2, reason: 'spot market not found' },
        { cid: 'wrong-type', code: 27, reason: 'derivative market not found' },
      ]);
    });
  });

  describe('when a post-only order would cross', () => {
    it('fails it with "post-only order would cross" and leaves the book untouched', () => {
      const engine = fundedEngine();
      engine.applyBatch(batch(bob, { spotOrdersToCreate: [order(spotTestnet.id, 'sell', '10.000', '2')] }), 1);
      const result = engine.applyBatch(
        batch(alice, {
          spotOrdersToCreate: [
            order(spotTestnet.id, 'buy', '10.000', '1', { cid: 'po-cross', postOnly: true }),
            order(spotTestnet.id, 'buy', '9.999', '1', { cid: 'po-rest', postOnly: true }),
          ],
        }),
        2,
      );
      expect(result.failures).toEqual([{ cid: 'po-cross', code: 59, reason: 'post-only order would cross' }]);
      expect(result.fills).toEqual([]);
      expect(engine.orderbook(spotTestnet.id, 10).sells.map((l) => [l.price.toFixed(), l.quantity.toFixed()])).toEqual([['10', '2']]);
      expect(engine.openOrders(spotTestnet.id, alice).map((o) => o.cid)).toEqual(['po-rest']);
    });
  });

  describe('in post-only mode', () => {
    it('judges every limit create as post-only: a crossing spot or derivative one fails with 59, the rest rest', () => {
      const engine = fundedEngine();
      engine.applyBatch(batch(bob, { spotOrdersToCreate: [order(spotTestnet.id, 'sell', '10.000', '2')] }), 1);
      engine.applyBatch(batch(bob, { derivativeOrdersToCreate: [order(perpTestnet.id, 'sell', '10.000', '1', { margin: '5' })] }), 1);
      const result = engine.applyBatch(
        batch(alice, {
          spotOrdersToCreate: [
            order(spotTestnet.id, 'buy', '10.000', '1', { cid: 'cross' }),
            order(spotTestnet.id, 'buy', '9.999', '1', { cid: 'rest' }),
          ],
          derivativeOrdersToCreate: [order(perpTestnet.id, 'buy', '10.000', '1', { cid: 'perp-cross', margin: '5' })],
        }),
        2,
        { postOnlyMode: true },
      );
      expect(result.failures).toEqual([
        { cid: 'cross', code: 59, reason: 'post-only order would cross' },
        { cid: 'perp-cross', code: 59, reason: 'post-only order would cross' },
      ]);
      expect(result.createdOrdersCids).toEqual(['rest']);
      expect(result.fills).toEqual([]);
    });

    it('fails every market order with 96 and refuses to run them outside the mode', () => {
      const engine = fundedEngine();
      const markets = batch(alice, {
        spotMarketOrdersToCreate: [order(spotTestnet.id, 'buy', '11', '1', { cid: 'mkt' })],
        derivativeMarketOrdersToCreate: [order(perpTestnet.id, 'sell', '9', '1', { cid: 'perp-mkt', margin: '5' })],
      });
      const result = engine.applyBatch(markets, 2, { postOnlyMode: true });
      expect(result.failures.map((f) => [f.cid, f.code])).toEqual([['mkt', 96], ['perp-mkt', 96]]);
      expect(result.failedOrdersCids).toEqual(['mkt', 'perp-mkt']);
      expect(() => engine.applyBatch(markets, 3)).toThrow(RangeError);
    });

    it('lets the same crossing create trade once the mode is over', () => {
      const engine = fundedEngine();
      engine.applyBatch(batch(bob, { spotOrdersToCreate: [order(spotTestnet.id, 'sell', '10.000', '2')] }), 1);
      const result = engine.applyBatch(batch(alice, { spotOrdersToCreate: [order(spotTestnet.id, 'buy', '10.000', '1', { cid: 'cross' })] }), 2, { postOnlyMode: false });
      expect(result.createdOrdersCids).toEqual(['cross']);
      expect(result.fills).toHaveLength(2);
    });
  });

  describe('when a limit order crosses resting spot orders', () => {
    it('fills at the resting prices in price-time order and moves deposits by exactly the trade and fees', () => {
      const engine = fundedEngine();
      engine.applyBatch(
        batch(bob, {
          spotOrdersToCreate: [
            order(spotTestnet.id, 'sell', '10.010', '3', { cid: 'bob-far' }),
            order(spotTestnet.id, 'sell', '10.000', '2', { cid: 'bob-near' }),
          ],
        }),
        1,
      );
      const result = engine.applyBatch(batch(alice, { spotOrdersToCreate: [order(spotTestnet.id, 'buy', '10.020', '4', { cid: 'taker' })] }), 2);

      const taker = result.fills.filter((f) => !f.isMaker).map((f) => [f.price.toFixed(), f.quantity.toFixed(), f.fee.toFixed()]);
      // taker fee 0.001 of notional
      expect(taker).toEqual([
        ['10', '2', '0.02'],
        ['10.01', '2', '0.02002'],
      ]);
      const maker = result.fills.filter((f) => f.isMaker).map((f) => [f.price.toFixed(), f.quantity.toFixed(), f.fee.toFixed()]);
      // maker fee −0.0001: a rebate
      expect(maker).toEqual([
        ['10', '2', '-0.002'],
        ['10.01', '2', '-0.002002'],
      ]);
      // alice paid 20 + 20.02 and 0.04002 of fees, got 4 INJ, holds nothing
      expect(balance(engine, alice, USDT)).toEqual({ available: '9959.93998', total: '9959.93998' });
      expect(balance(engine, alice, INJ)).toEqual({ available: '1004', total: '1004' });
      // bob sold 4 of his 5 INJ (1 still resting and held), got 40.02 + 0.004002 rebate
      expect(balance(engine, bob, INJ)).toEqual({ available: '995', total: '996' });
      expect(balance(engine, bob, USDT)).toEqual({ available: '10040.024002', total: '10040.024002' });
      expect(engine.openOrders(spotTestnet.id, bob).map((o) => [o.cid, o.fillable.toFixed()])).toEqual([['bob-far', '1']]);
      expect(engine.openOrders(spotTestnet.id, alice)).toEqual([]);
    });

    it('rests what is left at its own price and keeps exactly that part held', () => {
      const engine = fundedEngine();
      engine.applyBatch(batch(bob, { spotOrdersToCreate: [order(spotTestnet.id, 'sell', '10.000', '1')] }), 1);
      engine.applyBatch(batch(alice, { spotOrdersToCreate: [order(spotTestnet.id, 'buy', '10.020', '3', { cid: 'rest' })] }), 2);
      // paid 10 × 1.001; the resting 2 hold 10.02 × 2 × 1.001
      expect(balance(engine, alice, USDT)).toEqual({ available: '9969.92996', total: '9989.99' });
      expect(engine.orderbook(spotTestnet.id, 5).buys.map((l) => [l.price.toFixed(), l.quantity.toFixed()])).toEqual([['10.02', '2']]);
    });

    it('gives the older of two orders at one price the fill first', () => {
      const engine = fundedEngine();
      engine.applyBatch(batch(bob, { spotOrdersToCreate: [order(spotTestnet.id, 'sell', '10.000', '1', { cid: 'first' })] }), 1);
      engine.applyBatch(batch(carol, { spotOrdersToCreate: [order(spotTestnet.id, 'sell', '10.000', '1', { cid: 'second' })] }), 2);
      const result = engine.applyBatch(batch(alice, { spotOrdersToCreate: [order(spotTestnet.id, 'buy', '10.000', '1')] }), 3);
      expect(result.fills.filter((f) => f.isMaker).map((f) => f.subaccountId)).toEqual([bob]);
      expect(engine.openOrders(spotTestnet.id, carol).map((o) => o.cid)).toEqual(['second']);
    });

    it('aggregates levels, buys descending and sells ascending, up to the limit', () => {
      const engine = fundedEngine();
      engine.applyBatch(
        batch(bob, {
          spotOrdersToCreate: [
            order(spotTestnet.id, 'buy', '9.990', '1'),
            order(spotTestnet.id, 'buy', '9.995', '1'),
            order(spotTestnet.id, 'buy', '9.990', '2'),
            order(spotTestnet.id, 'sell', '10.020', '1'),
            order(spotTestnet.id, 'sell', '10.010', '1'),
            order(spotTestnet.id, 'sell', '10.030', '1'),
          ],
        }),
        1,
      );
      const book = engine.orderbook(spotTestnet.id, 2);
      expect(book.buys.map((l) => [l.price.toFixed(), l.quantity.toFixed()])).toEqual([
        ['9.995', '1'],
        ['9.99', '3'],
      ]);
      expect(book.sells.map((l) => l.price.toFixed())).toEqual(['10.01', '10.02']);
    });
  });

  describe('when a subaccount cannot pay for one order of a batch', () => {
    it('fails only that order and holds nothing for it', () => {
      const engine = fundedEngine();
      const result = engine.applyBatch(
        batch(alice, {
          spotOrdersToCreate: [
            order(spotTestnet.id, 'buy', '9.000', '1200', { cid: 'too-big' }),
            order(spotTestnet.id, 'buy', '9.000', '10', { cid: 'fits' }),
            order(spotTestnet.id, 'sell', '11.000', '1001', { cid: 'no-inj' }),
          ],
        }),
        1,
      );
      expect(result.failures.map((f) => [f.cid, f.code, f.reason])).toEqual([
        ['too-big', 6, 'subaccount has insufficient deposits'],
        ['no-inj', 6, 'subaccount has insufficient deposits'],
      ]);
      expect(result.createdOrdersCids).toEqual(['fits']);
      // 9 × 10 × 1.001 held for the order that landed
      expect(balance(engine, alice, USDT)).toEqual({ available: '9909.91', total: '10000' });
      expect(balance(engine, alice, INJ)).toEqual({ available: '1000', total: '1000' });
    });
  });

  describe('when orders are cancelled', () => {
    function withOrders(engine: ExchangeEngine): string[] {
      return engine.applyBatch(
        batch(alice, {
          spotOrdersToCreate: [
            order(spotTestnet.id, 'buy', '9.000', '10', { cid: 'a' }),
            order(spotTestnet.id, 'buy', '9.100', '10', { cid: 'b' }),
            order(spotTestnet.id, 'sell', '11.000', '5', { cid: 'c' }),
          ],
        }),
        1,
      ).spotOrderHashes;
    }

    it('cancels by hash and by cid, reports false for unknown orders, and releases the holds', () => {
      const engine = fundedEngine();
      const [hashA] = withOrders(engine);
      const result = engine.applyBatch(
        batch(alice, {
          spotOrdersToCancel: [
            { marketId: spotTestnet.id, subaccountId: alice, orderHash: hashA },
            { marketId: spotTestnet.id, subaccountId: alice, cid: 'c' },
            { marketId: spotTestnet.id, subaccountId: alice, cid: 'nope' },
            { marketId: spotTestnet.id, subaccountId: alice, orderHash: hashA },
          ],
        }),
        2,
      );
      expect(result.spotCancelSuccess).toEqual([true, true, false, false]);
      expect(engine.openOrders(spotTestnet.id, alice).map((o) => o.cid)).toEqual(['b']);
      expect(balance(engine, alice, USDT)).toEqual({ available: '9908.909', total: '10000' });
      expect(balance(engine, alice, INJ)).toEqual({ available: '1000', total: '1000' });
    });

    it("refuses to cancel another wallet's order", () => {
      const engine = fundedEngine();
      const [hashA] = withOrders(engine);
      const result = engine.applyBatch(
        batch(bob, { spotOrdersToCancel: [{ marketId: spotTestnet.id, subaccountId: alice, orderHash: hashA }] }),
        2,
      );
      expect(result.spotCancelSuccess).toEqual([false]);
      expect(engine.openOrders(spotTestnet.id, alice)).toHaveLength(3);
    });

    it('applies cancel-all before cancels and cancels before creates, so a freed cid can be reused', () => {
      const engine = fundedEngine();
      withOrders(engine);
      const result = engine.applyBatch(
        batch(alice, {
          spotMarketIdsToCancelAll: [spotTestnet.id],
          spotOrdersToCancel: [{ marketId: spotTestnet.id, subaccountId: alice, cid: 'a' }],
          spotOrdersToCreate: [order(spotTestnet.id, 'buy', '9.500', '1', { cid: 'a' })],
        }),
        2,
      );
      // already gone through cancel-all
      expect(result.spotCancelSuccess).toEqual([false]);
      expect(result.createdOrdersCids).toEqual(['a']);
      expect(engine.openOrders(spotTestnet.id, alice).map((o) => [o.cid, o.price.toFixed()])).toEqual([['a', '9.5']]);
      expect(balance(engine, alice, USDT)).toEqual({ available: '9990.4905', total: '10000' });
    });

    it('refuses a cid still resting for the same subaccount', () => {
      const engine = fundedEngine();
      withOrders(engine);
      const result = engine.applyBatch(batch(alice, { spotOrdersToCreate: [order(spotTestnet.id, 'buy', '8.000', '1', { cid: 'a' })] }), 2);
      expect(result.failures).toEqual([{ cid: 'a', code: 1, reason: 'client order id already exists' }]);
    });
  });

  describe('when derivative orders trade', () => {
    // testnet INJ/USDT PERP: initial margin 0.083333, maker −0.0001, taker 0.0005, tick 0.0001
    function opened(): ExchangeEngine {
      const engine = fundedEngine();
      engine.applyBatch(batch(bob, { derivativeOrdersToCreate: [order(perpTestnet.id, 'sell', '10', '2', { margin: '5' })] }), 1);
      engine.applyBatch(batch(alice, { derivativeOrdersToCreate: [order(perpTestnet.id, 'buy', '10', '2', { margin: '4' })] }), 2);
      return engine;
    }

    it('opens positions on both sides and moves the margin and fees out of the deposits', () => {
      const engine = opened();
      expect(engine.positions(alice).map((p) => [p.isLong, p.quantity.toFixed(), p.entryPrice.toFixed(), p.margin.toFixed()])).toEqual([
        [true, '2', '10', '4'],
      ]);
      expect(engine.positions(bob).map((p) => [p.isLong, p.quantity.toFixed(), p.entryPrice.toFixed(), p.margin.toFixed()])).toEqual([
        [false, '2', '10', '5'],
      ]);
      // alice: margin 4 + taker fee 20 × 0.0005; bob: margin 5 − maker rebate 20 × 0.0001
      expect(balance(engine, alice, USDT)).toEqual({ available: '9995.99', total: '9995.99' });
      expect(balance(engine, bob, USDT)).toEqual({ available: '9995.002', total: '9995.002' });
    });

    it('holds margin plus the taker fee while an order rests', () => {
      const engine = fundedEngine();
      engine.applyBatch(batch(alice, { derivativeOrdersToCreate: [order(perpTestnet.id, 'buy', '9', '2', { margin: '3' })] }), 1);
      expect(balance(engine, alice, USDT)).toEqual({ available: '9996.991', total: '10000' });
      expect(engine.openOrders(perpTestnet.id, alice)[0]!.margin!.toFixed()).toBe('3');
    });

    it('closes a position with its PnL and releases its margin', () => {
      const engine = opened();
      engine.applyBatch(batch(alice, { derivativeOrdersToCreate: [order(perpTestnet.id, 'sell', '11', '2', { reduceOnly: true, cid: 'close' })] }), 3);
      // a reduce-only order holds nothing
      expect(balance(engine, alice, USDT)).toEqual({ available: '9995.99', total: '9995.99' });
      engine.applyBatch(batch(carol, { derivativeOrdersToCreate: [order(perpTestnet.id, 'buy', '11', '2', { margin: '2' })] }), 4);
      expect(engine.positions(alice)).toEqual([]);
      // back: margin 4 + PnL (11 − 10) × 2 + maker rebate 22 × 0.0001
      expect(balance(engine, alice, USDT)).toEqual({ available: '10001.9922', total: '10001.9922' });
      expect(engine.openOrders(perpTestnet.id, alice)).toEqual([]);
    });

    it('realizes a loss and flips the position when the fill is larger than it', () => {
      const engine = opened();
      engine.applyBatch(batch(carol, { derivativeOrdersToCreate: [order(perpTestnet.id, 'buy', '9', '3', { margin: '9' })] }), 3);
      engine.applyBatch(batch(alice, { derivativeOrdersToCreate: [order(perpTestnet.id, 'sell', '9', '3', { margin: '6' })] }), 4);
      expect(engine.positions(alice).map((p) => [p.isLong, p.quantity.toFixed(), p.entryPrice.toFixed(), p.margin.toFixed()])).toEqual([
        [false, '1', '9', '2'],
      ]);
      // 9995.99 + released 4 − loss 2 − new margin 2 − taker fee 27 × 0.0005
      expect(balance(engine, alice, USDT)).toEqual({ available: '9995.9765', total: '9995.9765' });
    });

    it('averages the entry price when a position grows', () => {
      const engine = opened();
      engine.applyBatch(batch(bob, { derivativeOrdersToCreate: [order(perpTestnet.id, 'sell', '13', '1', { margin: '2' })] }), 3);
      engine.applyBatch(batch(alice, { derivativeOrdersToCreate: [order(perpTestnet.id, 'buy', '13', '1', { margin: '2' })] }), 4);
      expect(engine.positions(alice).map((p) => [p.quantity.toFixed(), p.entryPrice.toFixed(), p.margin.toFixed()])).toEqual([['3', '11', '6']]);
    });

    it('refuses margins below the initial margin and reduce-only orders without an opposite position', () => {
      const engine = opened();
      const result = engine.applyBatch(
        batch(alice, {
          derivativeOrdersToCreate: [
            order(perpTestnet.id, 'buy', '10', '12', { cid: 'thin', margin: '9.99' }),
            order(perpTestnet.id, 'buy', '10', '1', { cid: 'no-margin' }),
            order(perpTestnet.id, 'buy', '9', '1', { cid: 'same-side', reduceOnly: true }),
            order(perpTestnet.id, 'sell', '12', '3', { cid: 'too-much', reduceOnly: true }),
            order(perpTestnet.id, 'sell', '12', '2', { cid: 'fine', reduceOnly: true }),
          ],
        }),
        3,
      );
      expect(result.failures.map((f) => [f.cid, f.code])).toEqual([
        ['thin', 26],
        ['no-margin', 36],
        ['same-side', 29],
        ['too-much', 8],
      ]);
      const none = engine.applyBatch(batch(carol, { derivativeOrdersToCreate: [order(perpTestnet.id, 'sell', '12', '1', { cid: 'flat', reduceOnly: true })] }), 4);
      expect(none.failures).toEqual([{ cid: 'flat', code: 28, reason: 'position not found' }]);
    });

    it('cancels a reduce-only order once its position is closed', () => {
      const engine = opened();
      engine.applyBatch(batch(alice, { derivativeOrdersToCreate: [order(perpTestnet.id, 'sell', '12', '2', { reduceOnly: true, cid: 'tp' })] }), 3);
      engine.applyBatch(batch(carol, { derivativeOrdersToCreate: [order(perpTestnet.id, 'buy', '10.5', '2', { margin: '2' })] }), 4);
      engine.applyBatch(batch(alice, { derivativeOrdersToCreate: [order(perpTestnet.id, 'sell', '10.5', '2', { reduceOnly: true })] }), 5);
      expect(engine.positions(alice)).toEqual([]);
      expect(engine.openOrders(perpTestnet.id, alice)).toEqual([]);
    });
  });

  describe('when a derivative market has a mark price (docs/injective.md#derivative-orders-and-margin)', () => {
    let mark: Decimal | null = new Dec(10);
    function markedEngine(): ExchangeEngine {
      const engine = new ExchangeEngine(all, { markPrice: (id) => (id === perpTestnet.id ? mark : undefined) });
      for (const sub of [alice, bob]) engine.credit(sub, USDT, new Dec(10_000));
      return engine;
    }
    const imr = perpTestnet.initialMarginRatio!;
    // leverage 2: margin 5 on a notional of 10
    const buyBound = markPriceThreshold({ side: 'buy', price: new Dec(10), quantity: new Dec(1), margin: new Dec(5) }, imr);
    const sellBound = markPriceThreshold({ side: 'sell', price: new Dec(10), quantity: new Dec(1), margin: new Dec(5) }, imr);

    it('accepts a buy while the mark is at its bound P(1 − 1/L)/(1 − IMR) and refuses it just below, code 26', () => {
      mark = buyBound;
      const at = markedEngine().applyBatch(batch(alice, { derivativeOrdersToCreate: [order(perpTestnet.id, 'buy', '10', '1', { cid: 'at', margin: '5' })] }), 1);
      expect(at.createdOrdersCids).toEqual(['at']);
      mark = buyBound.sub('0.000000000000000001');
      const below = markedEngine().applyBatch(batch(alice, { derivativeOrdersToCreate: [order(perpTestnet.id, 'buy', '10', '1', { cid: 'below', margin: '5' })] }), 1);
      expect(below.failures).toEqual([
        { cid: 'below', code: 26, reason: "order has insufficient margin: the mark price is beyond the order's mark price threshold" },
      ]);
    });

    it('accepts a sell while the mark is at its bound P(1 + 1/L)/(1 + IMR) and refuses it just above', () => {
      mark = sellBound;
      const at = markedEngine().applyBatch(batch(bob, { derivativeOrdersToCreate: [order(perpTestnet.id, 'sell', '10', '1', { cid: 'at', margin: '5' })] }), 1);
      expect(at.createdOrdersCids).toEqual(['at']);
      mark = sellBound.add('0.000000000000000001');
      const above = markedEngine().applyBatch(batch(bob, { derivativeOrdersToCreate: [order(perpTestnet.id, 'sell', '10', '1', { cid: 'above', margin: '5' })] }), 1);
      expect(above.failures.map((f) => [f.cid, f.code])).toEqual([['above', 26]]);
      expect(above.createdOrdersCids).toEqual([]);
    });

    it('refuses every create of the market while the mark is nil, reduce-only too, code 27', () => {
      mark = null;
      const result = markedEngine().applyBatch(
        batch(alice, {
          derivativeOrdersToCreate: [
            order(perpTestnet.id, 'buy', '10', '1', { cid: 'buy', margin: '10' }),
            order(perpTestnet.id, 'sell', '10', '1', { cid: 'ro', reduceOnly: true }),
          ],
          spotOrdersToCreate: [order(spotTestnet.id, 'buy', '9.990', '1', { cid: 'spot' })],
        }),
        1,
      );
      expect(result.createdOrdersCids).toEqual(['spot']);
      expect(result.failures).toEqual([
        { cid: 'buy', code: 27, reason: 'active derivative market with a valid mark price not found' },
        { cid: 'ro', code: 27, reason: 'active derivative market with a valid mark price not found' },
      ]);
    });
  });

  describe('when the bank layer credits and debits', () => {
    it('debits only what is available', () => {
      const engine = fundedEngine();
      engine.applyBatch(batch(alice, { spotOrdersToCreate: [order(spotTestnet.id, 'sell', '11', '600')] }), 1);
      expect(engine.debit(alice, INJ, new Dec(500))).toBe(false);
      expect(engine.debit(alice, INJ, new Dec(400))).toBe(true);
      expect(balance(engine, alice, INJ)).toEqual({ available: '0', total: '600' });
    });
  });
});
