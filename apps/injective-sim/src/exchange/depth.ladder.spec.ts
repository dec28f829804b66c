import type Decimal from 'decimal.js';
import { Dec, isOnTick, meetsMinNotional } from '@mirrorbook/market';
import { SeededRng } from '../price/seeded.rng';
import { depthLadder } from './depth.ladder';
import { injUsdtMarkets } from './inj-usdt.fixture';
import { depthLadderSchema } from './sim-exchange.config';

const { spotMainnet, perpTestnet } = injUsdtMarkets();

describe('depthLadder', () => {
  describe('when built around 21.5 on mainnet INJ/USDT', () => {
    const orders = depthLadder(spotMainnet, new Dec('21.5'), depthLadderSchema.parse({}), new SeededRng('ladder'));
    const bids = orders.filter((o) => o.side === 'buy');
    const asks = orders.filter((o) => o.side === 'sell');

    it('places 20 distinct levels a side, bids descending and asks ascending, on the ticks', () => {
      expect(bids).toHaveLength(20);
      expect(asks).toHaveLength(20);
      bids.slice(1).forEach((b, i) => expect(b.price.lt(bids[i]!.price)).toBe(true));
      asks.slice(1).forEach((a, i) => expect(a.price.gt(asks[i]!.price)).toBe(true));
      for (const o of orders) {
        expect(isOnTick(o.price, spotMainnet.priceTick)).toBe(true);
        expect(isOnTick(o.quantity, spotMainnet.quantityTick)).toBe(true);
        expect(meetsMinNotional(spotMainnet, o.price, o.quantity)).toBe(true);
      }
    });

    it('keeps the inner spread near 0.05 % around the reference and widens geometrically', () => {
      expect(bids[0]!.price.lt(21.5) && asks[0]!.price.gt(21.5)).toBe(true);
      const spread = asks[0]!.price.sub(bids[0]!.price).div(21.5);
      expect(spread.gte(0.0005) && spread.lte(0.0006)).toBe(true);
      const gap = (i: number): Decimal => asks[i + 1]!.price.sub(asks[i]!.price);
      expect(gap(15).gt(gap(2).mul(5))).toBe(true);
    });
  });

  describe('when the spread is so wide that bids would reach zero', () => {
    it('leaves those bids out', () => {
      const settings = depthLadderSchema.parse({ spread: 0.5, levelGrowth: 2, levelsPerSide: 5 });
      const orders = depthLadder(perpTestnet, new Dec('1'), settings, new SeededRng(1));
      expect(orders.filter((o) => o.side === 'buy').every((o) => o.price.gt(0))).toBe(true);
      expect(orders.filter((o) => o.side === 'buy').length).toBeLessThan(5);
      expect(orders.filter((o) => o.side === 'sell')).toHaveLength(5);
    });
  });
});
