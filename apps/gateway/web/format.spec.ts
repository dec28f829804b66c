import { shortDecimal } from './format';

describe('shortDecimal', () => {
  it('keeps the sign of small negative values (a gap of -0.0036 % is not -0)', () => {
    expect(shortDecimal('-0.0036', 4)).toBe('-0.0036');
    expect(shortDecimal('-0.267', 4)).toBe('-0.267');
    expect(shortDecimal('0.267', 4)).toBe('0.267');
  });
  it('cuts to the given significant digits and drops trailing zeros', () => {
    expect(shortDecimal('25.012345', 6)).toBe('25.0123');
    expect(shortDecimal('25.000', 6)).toBe('25');
    expect(shortDecimal('-0.00000', 4)).toBe('0');
    expect(shortDecimal(null)).toBe('—');
  });
});
