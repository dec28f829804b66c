import { Dec, toDecimalString } from '@mirrorbook/market';
import { InvalidAmountError } from './invalid-amount.error';

describe('toDecimalString', () => {
  it.each([
    ['1e-15', '0.000000000000001'],
    ['0.001000000000000000', '0.001'],
    ['1.500', '1.5'],
    ['1e21', '1000000000000000000000'],
    ['-0.00005', '-0.00005'],
    ['-0', '0'],
    ['97123', '97123'],
  ])('prints %s as %s', (input, expected) => {
    expect(toDecimalString(new Dec(input))).toBe(expected);
  });

  it('keeps every digit beyond the 40-digit precision of a value it is given', () => {
    const long = '123456789012345678901234567890.123456789012345678901';
    expect(toDecimalString(new Dec(long))).toBe(long);
  });

  it.each([Number.NaN, Infinity, -Infinity])('refuses %p, which has no decimal form', (value) => {
    expect(() => toDecimalString(new Dec(value))).toThrow(InvalidAmountError);
  });
});

describe('Dec', () => {
  it('computes with 40 significant digits', () => {
    expect(toDecimalString(new Dec(1).div(3))).toBe(`0.${'3'.repeat(40)}`);
  });

  it('prints small values without exponent notation even through toString()', () => {
    expect(new Dec('0.000000000000000001').toString()).toBe('0.000000000000000001');
  });
});
