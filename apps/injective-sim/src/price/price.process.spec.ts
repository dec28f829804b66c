import fc from 'fast-check';
import { Dec, isOnTick, toDecimalString } from '@mirrorbook/market';
import { injUsdtMarkets } from '../exchange/inj-usdt.fixture';
import { priceProcessSchema } from '../exchange/sim-exchange.config';
import { parseCandles } from './candle.parser';
import { PriceProcess } from './price.process';
import { SeededRng } from './seeded.rng';

const { spotMainnet, perpMainnet } = injUsdtMarkets();

function walk(seed: string, overrides: Partial<Parameters<typeof priceProcessSchema.parse>[0]> = {}): PriceProcess {
  const settings = priceProcessSchema.parse({ startPrice: '21.5', ...overrides });
  return new PriceProcess([
    { market: spotMainnet, settings, rng: new SeededRng(seed).fork('spot') },
    { market: perpMainnet, settings, rng: new SeededRng(seed).fork('perp') },
  ]);
}

function path(process: PriceProcess, marketId: string, blocks: number): string[] {
  const prices: string[] = [];
  for (let i = 0; i < blocks; i++) {
    process.step();
    prices.push(toDecimalString(process.price(marketId)!));
  }
  return prices;
}

describe('PriceProcess', () => {
  describe('when walking randomly', () => {
    it('starts at the configured price', () => {
      expect(walk('s').price(spotMainnet.id)!.toFixed()).toBe('21.5');
    });

    it('stays positive and on the market tick, even with wild volatility and jumps', () => {
      fc.assert(
        fc.property(fc.string({ minLength: 1, maxLength: 8 }), (seed) => {
          const process = walk(seed, { volatilityPerBlock: 0.2, jumpProbabilityPerBlock: 0.2, jumpSigma: 0.5, driftPerBlock: -0.05 });
          for (const price of path(process, spotMainnet.id, 300)) {
            const p = new Dec(price);
            if (!p.gt(0) || !isOnTick(p, spotMainnet.priceTick)) return false;
          }
          return true;
        }),
        { numRuns: 20 },
      );
    });

    it('moves with a per-block spread of log returns near the configured volatility', () => {
      const process = walk('stats', { startPrice: '1000', volatilityPerBlock: 0.001, jumpProbabilityPerBlock: 0 });
      const prices = path(process, spotMainnet.id, 4000).map(Number);
      const returns = prices.slice(1).map((p, i) => Math.log(p / prices[i]!));
      const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
      const sd = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / returns.length);
      expect(sd).toBeGreaterThan(0.0008);
      expect(sd).toBeLessThan(0.0012);
      expect(new Set(prices).size).toBeGreaterThan(1000);
    });

    it('repeats the same path for the same seed and another for another seed', () => {
      expect(path(walk('x'), perpMainnet.id, 200)).toEqual(path(walk('x'), perpMainnet.id, 200));
      expect(path(walk('x'), perpMainnet.id, 200)).not.toEqual(path(walk('y'), perpMainnet.id, 200));
    });
  });

  describe('when a price is set', () => {
    it('publishes it rounded to the tick and walks on from it', () => {
      const process = walk('set', { volatilityPerBlock: 0, jumpProbabilityPerBlock: 0 });
      process.setPrice(spotMainnet.id, '30.12345');
      expect(process.price(spotMainnet.id)!.toFixed()).toBe('30.123');
      process.step();
      expect(process.price(spotMainnet.id)!.toFixed()).toBe('30.123');
      expect(() => process.setPrice(spotMainnet.id, '0')).toThrow(RangeError);
      expect(() => process.setPrice('0xunknown', '1')).toThrow(RangeError);
    });
  });

  describe('when replaying candles', () => {
    const candles = parseCandles('1,10,12,9,11,100\n2,11,11.5,10,10.5,100');
    const replay = (loop: boolean): PriceProcess =>
      new PriceProcess([
        {
          market: spotMainnet,
          settings: priceProcessSchema.parse({ mode: 'replay', replay: { file: 'x.csv', blocksPerCandle: 4, loop } }),
          rng: new SeededRng(1),
          candles,
        },
      ]);

    it('starts at the first open and moves one candle per K blocks, interpolating to each close', () => {
      const process = replay(false);
      expect(process.price(spotMainnet.id)!.toFixed()).toBe('10');
      expect(path(process, spotMainnet.id, 9)).toEqual(['10.25', '10.5', '10.75', '11', '10.875', '10.75', '10.625', '10.5', '10.5']);
    });

    it('starts over after the last candle when looping', () => {
      expect(path(replay(true), spotMainnet.id, 9).at(-1)).toBe('10.25');
    });

    it('refuses to start without loaded candles', () => {
      const settings = priceProcessSchema.parse({ mode: 'replay', replay: { file: 'x.csv' } });
      expect(() => new PriceProcess([{ market: spotMainnet, settings, rng: new SeededRng(1) }])).toThrow(/none were loaded/);
    });
  });
});
