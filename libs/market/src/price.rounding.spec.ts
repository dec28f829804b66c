import fc from 'fast-check';
import type Decimal from 'decimal.js';
import {
  Dec,
  catalogMarkets,
  isOnTick,
  meetsMinNotional,
  minQuantityForNotional,
  roundPrice,
  roundQuantity,
  toDecimalString,
  type Market,
  type Side,
} from '@mirrorbook/market';
import { InvalidAmountError } from './invalid-amount.error';

// Property checks compare in BigInt fixed point, independent of decimal.js.
const SCALE = 48;

function fixed(value: Decimal | string, scale = SCALE): bigint {
  const text = typeof value === 'string' ? value : toDecimalString(value);
  const [whole, fraction = ''] = text.split('.');
  if (fraction.length > scale) throw new Error(`${text} has more than ${scale} decimals`);
  return BigInt(whole! + fraction.padEnd(scale, '0'));
}

/** A non-negative plain decimal string with up to `digits` digits and `scale` decimals. */
function decimalString(digits = 24, scale = 20): fc.Arbitrary<string> {
  return fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** BigInt(digits) - 1n }), fc.integer({ min: 0, max: scale }))
    .map(([mantissa, places]) => {
      const padded = mantissa.toString().padStart(places + 1, '0');
      return places === 0 ? padded : `${padded.slice(0, -places)}.${padded.slice(-places)}`;
    });
}

const positiveDecimalString = (digits?: number, scale?: number) =>
  decimalString(digits, scale).filter((s) => /[1-9]/.test(s));

const fixture = [...catalogMarkets().mainnet, ...catalogMarkets().testnet];

/** Ticks from every real market, plus odd ones (0.25, 5e-7, 7) that are no power of ten. */
const tick: fc.Arbitrary<Decimal> = fc.oneof(
  fc.constantFrom(...fixture.flatMap((m) => [m.priceTick, m.quantityTick])),
  fc
    .tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 18 }))
    .map(([k, places]) => new Dec(`${k}e-${places}`)),
);
const realMarket = fc.constantFrom(...fixture);
const side = fc.constantFrom<Side>('buy', 'sell');

function tickMarket(priceTick: Decimal.Value): Pick<Market, 'priceTick'> {
  return { priceTick: new Dec(priceTick) };
}

function market(ticker: string, network: 'mainnet' | 'testnet' = 'mainnet'): Market {
  return catalogMarkets()[network].find((m) => m.ticker === ticker)!;
}

function invalidAmount(run: () => unknown): InvalidAmountError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidAmountError) return error;
    throw error;
  }
  throw new Error('expected an InvalidAmountError');
}

describe('roundPrice', () => {
  describe('when quoting INJ/USDT spot (tick 0.001 USDT)', () => {
    const injUsdt = market('INJ/USDT');

    it('rounds a bid down', () => {
      expect(toDecimalString(roundPrice(injUsdt, 'buy', '23.45678'))).toBe('23.456');
    });

    it('rounds an ask up', () => {
      expect(toDecimalString(roundPrice(injUsdt, 'sell', '23.45612'))).toBe('23.457');
    });

    it('leaves a price already on the tick alone on either side', () => {
      expect(toDecimalString(roundPrice(injUsdt, 'buy', '23.456'))).toBe('23.456');
      expect(toDecimalString(roundPrice(injUsdt, 'sell', '23.456'))).toBe('23.456');
    });
  });

  describe('when quoting BTC/USDT PERP on mainnet (tick 1 USDT)', () => {
    it('rounds to whole dollars away from the other side', () => {
      const btc = market('BTC/USDT PERP');
      expect(toDecimalString(roundPrice(btc, 'buy', '97123.99'))).toBe('97123');
      expect(toDecimalString(roundPrice(btc, 'sell', '97123.01'))).toBe('97124');
    });
  });

  describe('when a reference is given', () => {
    const m = tickMarket('0.001');

    it('clamps a bid above the reference to the last tick at or below it', () => {
      expect(toDecimalString(roundPrice(m, 'buy', '10.0057', '10.0031'))).toBe('10.003');
    });

    it('clamps an ask below the reference to the first tick at or above it', () => {
      expect(toDecimalString(roundPrice(m, 'sell', '9.9981', '10.0019'))).toBe('10.002');
    });

    it('allows a bid exactly at an on-tick reference', () => {
      expect(toDecimalString(roundPrice(m, 'buy', '10.01', '10.005'))).toBe('10.005');
    });

    it('does not move a price already on the safe side', () => {
      expect(toDecimalString(roundPrice(m, 'buy', '9.9999', '10.0031'))).toBe('9.999');
      expect(toDecimalString(roundPrice(m, 'sell', '10.0041', '10.0031'))).toBe('10.005');
    });
  });

  describe('when a bid is below one tick', () => {
    it('rounds to zero, which the caller must drop', () => {
      expect(toDecimalString(roundPrice(tickMarket('0.01'), 'buy', '0.0099'))).toBe('0');
    });
  });

  describe('when the price has more digits than the 40-digit Dec', () => {
    it('still rounds exactly', () => {
      const price = '123456789012345678901234567890.123456789012345678901';
      expect(toDecimalString(roundPrice(tickMarket('1e-18'), 'buy', price))).toBe(
        '123456789012345678901234567890.123456789012345678',
      );
      expect(toDecimalString(roundPrice(tickMarket('1e-18'), 'sell', price))).toBe(
        '123456789012345678901234567890.123456789012345679',
      );
    });
  });

  describe('when the input is unusable', () => {
    it('refuses a negative price', () => {
      expect(invalidAmount(() => roundPrice(tickMarket('0.001'), 'buy', '-1'))).toMatchObject({
        code: 'NEGATIVE',
        argument: 'price',
      });
    });

    it('refuses NaN and Infinity', () => {
      expect(invalidAmount(() => roundPrice(tickMarket('0.001'), 'sell', Number.NaN)).code).toBe('NOT_FINITE');
      expect(invalidAmount(() => roundPrice(tickMarket('0.001'), 'sell', '1', Infinity))).toMatchObject({
        code: 'NOT_FINITE',
        argument: 'reference',
      });
    });

    it('refuses a zero tick', () => {
      expect(invalidAmount(() => roundPrice(tickMarket(0), 'buy', '1'))).toMatchObject({
        code: 'NOT_POSITIVE',
        argument: 'market.priceTick',
      });
    });
  });

  describe('for any price and tick (property)', () => {
    it('lands on a multiple of the tick', () => {
      fc.assert(
        fc.property(tick, side, decimalString(), (t, s, price) => {
          expect(fixed(roundPrice({ priceTick: t }, s, price)) % fixed(t)).toBe(0n);
        }),
      );
    });

    it('rounds bids down and asks up, by less than one tick', () => {
      fc.assert(
        fc.property(tick, side, decimalString(), (t, s, price) => {
          const rounded = fixed(roundPrice({ priceTick: t }, s, price));
          const p = fixed(price);
          const distance = s === 'buy' ? p - rounded : rounded - p;
          expect(distance >= 0n && distance < fixed(t)).toBe(true);
        }),
      );
    });

    it('never goes through the reference, and stays within one tick of the safe limit', () => {
      fc.assert(
        fc.property(tick, side, decimalString(), decimalString(), (t, s, price, reference) => {
          const rounded = fixed(roundPrice({ priceTick: t }, s, price, reference));
          const p = fixed(price);
          const ref = fixed(reference);
          if (s === 'buy') {
            const limit = p < ref ? p : ref;
            expect(rounded <= ref && rounded <= p && limit - rounded < fixed(t)).toBe(true);
          } else {
            const limit = p > ref ? p : ref;
            expect(rounded >= ref && rounded >= p && rounded - limit < fixed(t)).toBe(true);
          }
        }),
      );
    });

    it('is idempotent', () => {
      fc.assert(
        fc.property(tick, side, decimalString(), fc.option(decimalString(), { nil: undefined }), (t, s, price, ref) => {
          const once = roundPrice({ priceTick: t }, s, price, ref);
          expect(toDecimalString(roundPrice({ priceTick: t }, s, once, ref))).toBe(toDecimalString(once));
        }),
      );
    });
  });
});

describe('roundQuantity', () => {
  it('rounds down to the INJ quantity tick', () => {
    expect(toDecimalString(roundQuantity(market('INJ/USDT'), '1.23456'))).toBe('1.234');
  });

  it('rounds a size below the testnet BTC/USDT PERP tick (0.01) to zero', () => {
    expect(toDecimalString(roundQuantity(market('BTC/USDT PERP', 'testnet'), '0.0099'))).toBe('0');
  });

  it('refuses a negative quantity', () => {
    expect(invalidAmount(() => roundQuantity(market('INJ/USDT'), '-0.5'))).toMatchObject({
      code: 'NEGATIVE',
      argument: 'quantity',
    });
  });

  describe('for any quantity and tick (property)', () => {
    it('rounds down to a multiple of the tick, by less than one tick, idempotently', () => {
      fc.assert(
        fc.property(tick, decimalString(), (t, quantity) => {
          const rounded = roundQuantity({ quantityTick: t }, quantity);
          const r = fixed(rounded);
          const q = fixed(quantity);
          expect(r % fixed(t)).toBe(0n);
          expect(r <= q && q - r < fixed(t)).toBe(true);
          expect(toDecimalString(roundQuantity({ quantityTick: t }, rounded))).toBe(toDecimalString(rounded));
        }),
      );
    });
  });
});

describe('meetsMinNotional', () => {
  describe('when the product is exact in decimals but not in floats', () => {
    it('accepts 0.57 × 100 against a minimum of 57 (floats say 56.99999999999999)', () => {
      expect(0.57 * 100).toBeLessThan(57);
      expect(meetsMinNotional({ minNotional: new Dec(57) }, '0.57', '100')).toBe(true);
    });
  });

  describe('when the product needs more than 40 significant digits', () => {
    it('does not round 1 − 10^-46 up to a minimum of 1', () => {
      expect(meetsMinNotional({ minNotional: new Dec(1) }, '1.00000000000000000000001', '0.99999999999999999999999')).toBe(
        false,
      );
    });
  });

  describe('when quoting mainnet INJ/USDT (minimum 1 USDT)', () => {
    const injUsdt = market('INJ/USDT');

    it('accepts exactly 1 USDT', () => {
      expect(meetsMinNotional(injUsdt, '20', '0.05')).toBe(true);
    });

    it('refuses one quantity tick less', () => {
      expect(meetsMinNotional(injUsdt, '20', '0.049')).toBe(false);
    });
  });

  describe('when the market has no minimum (testnet INJ/USDT)', () => {
    const testnet = market('INJ/USDT', 'testnet');

    it('accepts the smallest order', () => {
      expect(meetsMinNotional(testnet, testnet.priceTick, testnet.quantityTick)).toBe(true);
    });

    it('still refuses an empty order', () => {
      expect(meetsMinNotional(testnet, '23.456', '0')).toBe(false);
    });
  });

  describe('for any price, quantity and real market (property)', () => {
    it('accepts exactly the non-empty orders whose notional reaches the minimum', () => {
      fc.assert(
        fc.property(realMarket, decimalString(12, 18), decimalString(12, 18), (m, price, quantity) => {
          const notional = fixed(price) * fixed(quantity);
          const minimum = fixed(m.minNotional) * 10n ** BigInt(SCALE);
          expect(meetsMinNotional(m, price, quantity)).toBe(notional > 0n && notional >= minimum);
        }),
      );
    });
  });
});

describe('minQuantityForNotional', () => {
  it('lifts an INJ order at 23.456 USDT to 0.043 INJ for the 1 USDT minimum', () => {
    expect(toDecimalString(minQuantityForNotional(market('INJ/USDT'), '23.456'))).toBe('0.043');
  });

  it('gives one quantity tick where there is no minimum', () => {
    expect(toDecimalString(minQuantityForNotional(market('ETH/USDT PERP', 'testnet'), '3000'))).toBe('0.0001');
  });

  it('settles a minimum that the division cannot represent (1 / 3)', () => {
    expect(toDecimalString(minQuantityForNotional({ quantityTick: new Dec('1e-30'), minNotional: new Dec(1) }, '3'))).toBe(
      '0.333333333333333333333333333334',
    );
  });

  it('refuses a zero price', () => {
    expect(invalidAmount(() => minQuantityForNotional(market('INJ/USDT'), '0')).code).toBe('NOT_POSITIVE');
  });

  describe('for any price and real market (property)', () => {
    it('is the smallest on-tick quantity that meets the minimum', () => {
      fc.assert(
        fc.property(realMarket, positiveDecimalString(12, 18), (m, price) => {
          const q = minQuantityForNotional(m, price);
          const t = fixed(m.quantityTick);
          const minimum = fixed(m.minNotional) * 10n ** BigInt(SCALE);
          expect(fixed(q) % t).toBe(0n);
          expect(fixed(price) * fixed(q) >= minimum).toBe(true);
          const lower = fixed(q) - t;
          expect(lower === 0n || fixed(price) * lower < minimum).toBe(true);
        }),
      );
    });

    it('turns any rounded order into one the market accepts', () => {
      fc.assert(
        fc.property(realMarket, side, positiveDecimalString(8, 8), decimalString(8, 8), (m, s, rawPrice, rawQty) => {
          const price = roundPrice(m, s, rawPrice);
          fc.pre(price.gt(0));
          const rounded = roundQuantity(m, rawQty);
          const quantity = meetsMinNotional(m, price, rounded) ? rounded : minQuantityForNotional(m, price);
          expect(meetsMinNotional(m, price, quantity)).toBe(true);
          expect(fixed(price) * fixed(quantity) >= fixed(m.minNotional) * 10n ** BigInt(SCALE)).toBe(true);
        }),
      );
    });
  });
});

describe('isOnTick', () => {
  it.each([
    ['0.003', '0.001', true],
    ['0.0035', '0.001', false],
    ['0', '0.001', true],
    ['97124', '1', true],
    ['0.75', '0.25', true],
    ['0.8', '0.25', false],
  ])('says %s on tick %s is %p', (value, t, expected) => {
    expect(isOnTick(value, t)).toBe(expected);
  });

  it('refuses a zero tick', () => {
    expect(invalidAmount(() => isOnTick('1', '0')).code).toBe('NOT_POSITIVE');
  });

  it('agrees with integer arithmetic for any value and tick (property)', () => {
    fc.assert(
      fc.property(decimalString(), tick, (value, t) => {
        expect(isOnTick(value, t)).toBe(fixed(value) % fixed(t) === 0n);
      }),
    );
  });
});
