import type Decimal from 'decimal.js';
import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from './inj-usdt.fixture';
import { batch, order, subaccount } from './sim-batch.fixture';
import { SimExchange } from './sim-exchange';
import type { SimExchangeConfigInput } from './sim-exchange.config';

const { spotMainnet, spotTestnet, perpMainnet, perpTestnet, all } = injUsdtMarkets();
const bot = subaccount('0b');
const steady = { volatilityPerBlock: 0, jumpProbabilityPerBlock: 0 };

function sim(config: SimExchangeConfigInput = {}): SimExchange {
  const exchange = new SimExchange({ markets: all, config });
  exchange.credit(bot, spotTestnet.quoteDenom, new Dec(100_000));
  exchange.credit(bot, spotTestnet.baseDenom!, new Dec(10_000));
  return exchange;
}

function mid(exchange: SimExchange, marketId: string): Decimal {
  const { buys, sells } = exchange.orderbook(marketId, 1);
  return buys[0]!.price.add(sells[0]!.price).div(2);
}

describe('SimExchange', () => {
  describe('when created', () => {
    it('gives every mainnet book 24 levels a side around the start price and leaves testnet books empty', () => {
      const exchange = sim({ pairs: { 'INJ/USDT': { price: { startPrice: '21.5' } } } });
      const book = exchange.orderbook(spotMainnet.id, 100);
      expect(book.buys).toHaveLength(24);
      expect(book.sells).toHaveLength(24);
      expect(mid(exchange, spotMainnet.id).sub('21.5').abs().lte('0.001')).toBe(true);
      expect(mid(exchange, perpMainnet.id).sub(10).abs().lte('0.001')).toBe(true);
      expect(exchange.orderbook(spotTestnet.id, 100)).toEqual({ buys: [], sells: [] });
      expect(exchange.orderbook(perpTestnet.id, 100)).toEqual({ buys: [], sells: [] });
    });

    describe('with mispriced testnet books', () => {
      it("centres each testnet book at the mainnet price × (1 + offset) with the legacy subaccount's orders", () => {
        const exchange = sim({
          defaults: { testnetInitial: { kind: 'mispriced', offset: 0.2 } },
          pairs: { 'INJ/USDT PERP': { testnetInitial: { kind: 'mispriced', offset: -0.3 } } },
        });
        expect(mid(exchange, spotTestnet.id).sub(12).abs().lte('0.01')).toBe(true);
        expect(mid(exchange, perpTestnet.id).sub(7).abs().lte('0.01')).toBe(true);
        const legacy = exchange.internalSubaccounts()[1]!;
        expect(exchange.openOrders(spotTestnet.id, legacy)).toHaveLength(40);
      });
    });
  });

  describe('when blocks pass', () => {
    it('replaces the synthetic mainnet depth every block so its mid follows the price process', () => {
      const exchange = sim({ defaults: { price: { volatilityPerBlock: 0.01 } } });
      const marketMaker = exchange.internalSubaccounts()[0]!;
      const before = exchange.openOrders(spotMainnet.id, marketMaker).map((o) => o.orderHash);
      for (let h = 1; h <= 50; h++) {
        exchange.onBlock(h);
        const price = exchange.referencePrice(spotMainnet.id)!;
        // inner spread 0.05 %: the mid stays within a tick or two of the price
        expect(mid(exchange, spotMainnet.id).sub(price).abs().lte('0.002')).toBe(true);
      }
      const after = exchange.openOrders(spotMainnet.id, marketMaker);
      expect(after).toHaveLength(48);
      expect(after.every((o) => o.createdHeight === 50)).toBe(true);
      expect(after.filter((o) => before.includes(o.orderHash))).toEqual([]);
    });

    it('moves the mainnet book to a forced price at the next block', () => {
      const exchange = sim({ defaults: { price: steady } });
      exchange.setPrice(spotTestnet.id, '15');
      exchange.onBlock(1);
      expect(exchange.referencePrice(spotMainnet.id)!.toFixed()).toBe('15');
      expect(mid(exchange, spotMainnet.id).sub(15).abs().lte('0.001')).toBe(true);
    });

    it('sends no synthetic takers by default', () => {
      const exchange = sim();
      exchange.applyBatch(batch(bot, { spotOrdersToCreate: [order(spotTestnet.id, 'sell', '10.000', '5')] }), 1);
      for (let h = 1; h <= 30; h++) exchange.onBlock(h);
      expect(exchange.openOrders(spotTestnet.id, bot)[0]!.fillable.toFixed()).toBe('5');
    });

    it("lets synthetic takers trade against a bot's testnet orders like paper traders", () => {
      const exchange = sim({ defaults: { price: steady, takers: { lambdaPerBlock: 2, minQuantity: '0.1', maxQuantity: '0.5' } } });
      const created = exchange.applyBatch(
        batch(bot, {
          spotOrdersToCreate: [order(spotTestnet.id, 'buy', '9.990', '100'), order(spotTestnet.id, 'sell', '10.010', '100')],
        }),
        1,
      );
      const hashes = new Set(created.spotOrderHashes);
      let botFills = 0;
      for (let h = 2; h <= 41; h++) {
        exchange.onBlock(h);
        botFills += exchange.lastBlockFills().filter((f) => hashes.has(f.orderHash) && f.isMaker).length;
      }
      expect(botFills).toBeGreaterThan(20);
      const usdt = exchange.deposits(bot).get(spotTestnet.quoteDenom)!;
      const inj = exchange.deposits(bot).get(spotTestnet.baseDenom!)!;
      expect(usdt.total.eq(100_000) && inj.total.eq(10_000)).toBe(false);
    });
  });

  describe('when run twice from the same seed with the same inputs', () => {
    function run(seed: string): string {
      const exchange = sim({
        seed,
        defaults: { takers: { lambdaPerBlock: 1.5 }, testnetInitial: { kind: 'mispriced', offset: 0.1 } },
      });
      exchange.credit(bot, perpTestnet.quoteDenom, new Dec(1000));
      for (let h = 1; h <= 60; h++) {
        if (h % 10 === 0) {
          const price = exchange.referencePrice(spotTestnet.id)!;
          exchange.applyBatch(
            batch(bot, {
              spotMarketIdsToCancelAll: [spotTestnet.id],
              spotOrdersToCreate: [
                order(spotTestnet.id, 'buy', price.toFixed(3), '3'),
                order(spotTestnet.id, 'sell', price.add('0.05').toFixed(3), '3'),
              ],
              derivativeOrdersToCreate: [order(perpTestnet.id, 'buy', price.mul(1.15).toFixed(3), '2', { margin: '5' })],
            }),
            h,
          );
        }
        exchange.onBlock(h);
      }
      return JSON.stringify(exchange.snapshot());
    }

    it("uses the caller's seed when the config names none", () => {
      const blocks = (exchange: SimExchange): string => {
        for (let h = 1; h <= 5; h++) exchange.onBlock(h);
        return JSON.stringify(exchange.snapshot());
      };
      const fromOption = blocks(new SimExchange({ markets: all, seed: 'gamma' }));
      expect(blocks(new SimExchange({ markets: all, config: { seed: 'gamma' } }))).toBe(fromOption);
      expect(blocks(new SimExchange({ markets: all, seed: 'delta' }))).not.toBe(fromOption);
    });

    it('ends with identical books, deposits, positions and prices', () => {
      const first = run('alpha');
      expect(run('alpha')).toBe(first);
      expect(JSON.parse(first).positions[bot]).toHaveLength(1);
      expect(run('beta')).not.toBe(first);
    });
  });
});
