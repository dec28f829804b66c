import { Dec } from '@mirrorbook/market';
import { formatAge, formatAmount, formatDecimal, formatPercent, jsonDecimal, jsonPercent } from './number.format';

describe('formatDecimal', () => {
  it('rounds half up to the given decimals and drops trailing zeros', () => {
    expect(formatDecimal(new Dec('12.345000'), 2)).toBe('12.35');
    expect(formatDecimal(new Dec('1.500000000000000000'))).toBe('1.5');
  });

  it('never prints exponent notation', () => {
    expect(formatDecimal(new Dec('0.000000001'), 12)).toBe('0.000000001');
    expect(formatDecimal(new Dec('123456789012345678901234'))).toBe('123456789012345678901234');
  });

  it('shows a dash for an unknown value', () => {
    expect(formatDecimal(null)).toBe('-');
  });
});

describe('formatAmount', () => {
  it('groups thousands and keeps exactly the given decimals', () => {
    expect(formatAmount(new Dec('1234567.891'))).toBe('1,234,567.89');
    expect(formatAmount(new Dec('-1000'), 0)).toBe('-1,000');
    expect(formatAmount(new Dec('999.5'), 1)).toBe('999.5');
  });
});

describe('formatPercent', () => {
  it('signs positive and negative values', () => {
    expect(formatPercent(new Dec('1.254'))).toBe('+1.25%');
    expect(formatPercent(new Dec('-0.4'))).toBe('-0.40%');
  });

  it('prints zero, also a rounded-away negative, without a sign', () => {
    expect(formatPercent(new Dec('-0.001'))).toBe('0.00%');
    expect(formatPercent(new Dec(0))).toBe('0.00%');
  });

  it('can leave the plus sign out', () => {
    expect(formatPercent(new Dec('3'), 1, false)).toBe('3.0%');
  });
});

describe('formatAge', () => {
  it.each([
    [0, '0s'],
    [42_900, '42s'],
    [192_000, '3m12s'],
    [2 * 3600_000 + 5 * 60_000, '2h05m'],
    [3 * 86_400_000 + 4 * 3600_000, '3d04h'],
  ])('shows %d ms as %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });

  it('says unknown when there is no record', () => {
    expect(formatAge(null)).toBe('unknown');
  });
});

describe('jsonDecimal', () => {
  it('keeps every digit in plain notation', () => {
    expect(jsonDecimal(new Dec('0.000000000000000001'))).toBe('0.000000000000000001');
    expect(jsonDecimal(null)).toBeNull();
  });
});

describe('jsonPercent', () => {
  it('keeps six decimals of a derived percentage', () => {
    expect(jsonPercent(new Dec('0.05659080803589474109705323578155948098145'))).toBe('0.056591');
    expect(jsonPercent(new Dec('20'))).toBe('20');
    expect(jsonPercent(undefined)).toBeNull();
  });
});
