import { fromBaseUnits } from './base-units.converter';

describe('fromBaseUnits', () => {
  it('shifts exactly, also 18-decimal amounts far beyond a float', () => {
    expect(fromBaseUnits('1500000000000000000', 18).toFixed()).toBe('1.5');
    expect(fromBaseUnits('123456789012345678901234567', 18).toFixed()).toBe('123456789.012345678901234567');
    expect(fromBaseUnits('5000000', 6).toFixed()).toBe('5');
  });
});
