import { priceGap } from './price-gap';

describe('priceGap', () => {
  describe('when testnet trades above mainnet', () => {
    it('is positive, in percent, with the arrow up', () => {
      expect(priceGap('25.5', '25')).toEqual({ gapPct: '2', direction: 'above' });
    });
  });
  describe('when testnet trades below mainnet', () => {
    it('is negative, rounded to 4 decimals (trailing zeros dropped)', () => {
      expect(priceGap('7.9663', '8.1824')).toEqual({ gapPct: '-2.641', direction: 'below' });
    });
  });
  describe('when both are equal however written', () => {
    it('is level', () => {
      expect(priceGap('25.000', '25')).toEqual({ gapPct: '0', direction: 'level' });
    });
  });
  describe('with prices floats cannot hold', () => {
    it('stays exact', () => {
      expect(priceGap('0.000000000000002', '0.000000000000001').gapPct).toBe('100');
    });
  });
});
