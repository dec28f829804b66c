import fc from 'fast-check';
import {
  Dec,
  catalogMarkets,
  minQuantityForNotional,
  roundPrice,
  roundQuantity,
  toDecimalString,
  type Market,
} from '@mirrorbook/market';
import { TickGrid } from './tick.grid';

const MARKETS: readonly Market[] = [...catalogMarkets().mainnet, ...catalogMarkets().testnet];
const realMarket = fc.constantFrom(...MARKETS);
/** a market with ticks that are no power of ten */
const odd: Market = { ...MARKETS[0]!, priceTick: new Dec('0.25'), quantityTick: new Dec('0.0000005'), minNotional: new Dec('3') };
const anyMarket = fc.oneof(realMarket, fc.constant(odd));
const index = fc.integer({ min: 1, max: 2 ** 40 });

describe('TickGrid', () => {
  describe('when formatting indices as prices and quantities', () => {
    it('prints k × tick exactly as toDecimalString would', () => {
      fc.assert(
        fc.property(anyMarket, index, (market, k) => {
          const grid = TickGrid.for(market);
          expect(grid.priceText(k)).toBe(toDecimalString(market.priceTick.mul(k)));
          expect(grid.quantityText(k)).toBe(toDecimalString(market.quantityTick.mul(k)));
        }),
      );
    });
  });

  describe('when reading prices and quantities into indices', () => {
    it('rounds them like roundPrice and roundQuantity', () => {
      fc.assert(
        fc.property(anyMarket, fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 0, max: 999 }), (market, whole, frac) => {
          const grid = TickGrid.for(market);
          const value = market.priceTick.mul(new Dec(whole).add(new Dec(frac).div(1000)));
          for (const side of ['buy', 'sell'] as const) {
            expect(market.priceTick.mul(grid.priceIndex(value, side)).eq(roundPrice(market, side, value))).toBe(true);
          }
          const quantity = market.quantityTick.mul(new Dec(whole).add(new Dec(frac).div(1000)));
          expect(market.quantityTick.mul(grid.quantityIndex(quantity)).eq(roundQuantity(market, quantity))).toBe(true);
        }),
      );
    });
  });

  describe('when sizing an order for the min notional', () => {
    it('finds the same smallest quantity as the market lib', () => {
      fc.assert(
        fc.property(anyMarket, fc.integer({ min: 1, max: 10 ** 8 }), (market, k) => {
          const grid = TickGrid.for(market);
          const expected = minQuantityForNotional(market, market.priceTick.mul(k));
          expect(market.quantityTick.mul(grid.minQuantityAt(k)).eq(expected)).toBe(true);
        }),
      );
    });
  });

  describe('when converting a quote amount into notional units', () => {
    it('returns the most units the amount pays for, fee factor included', () => {
      fc.assert(
        fc.property(anyMarket, fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 5000 }), (market, cents, feeBp) => {
          const grid = TickGrid.for(market);
          const amount = new Dec(cents).div(100);
          const factor = new Dec(feeBp).div(10_000).add(1);
          const units = grid.unitsAffordable(amount, factor);
          const cost = (u: bigint) => grid.unit.mul(factor).mul(u.toString());
          expect(cost(units).lte(amount)).toBe(true);
          expect(cost(units + 1n).gt(amount)).toBe(true);
        }),
      );
    });
  });

  it('builds one grid per market object', () => {
    expect(TickGrid.for(MARKETS[0]!)).toBe(TickGrid.for(MARKETS[0]!));
  });
});
