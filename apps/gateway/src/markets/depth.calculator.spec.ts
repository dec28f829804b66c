import { depthBands } from './depth.calculator';

const level = (price: string, quantity: string) => ({ price, quantity });

describe('depthBands', () => {
  const book = {
    bids: [level('99.5', '1.5'), level('99', '2'), level('98', '3'), level('94.9', '10')],
    asks: [level('100.5', '0.25'), level('101', '1'), level('102.01', '4'), level('105', '7')],
  };

  describe('around a reference of 100', () => {
    it('counts levels and sums quantity within 1, 2 and 5 % on each side, edges included', () => {
      expect(depthBands(book, '100')).toEqual([
        { pct: '1', bidLevels: 2, askLevels: 2, bidQuantity: '3.5', askQuantity: '1.25' },
        { pct: '2', bidLevels: 3, askLevels: 2, bidQuantity: '6.5', askQuantity: '1.25' },
        { pct: '5', bidLevels: 3, askLevels: 4, bidQuantity: '6.5', askQuantity: '12.25' },
      ]);
    });
  });

  describe('with quantities that floats would get wrong', () => {
    it('sums exactly', () => {
      const [band] = depthBands({ bids: [level('1', '0.1'), level('1', '0.2')], asks: [] }, '1', ['1']);
      expect(band.bidQuantity).toBe('0.3');
    });
  });

  describe('with an empty book', () => {
    it('reports zero levels', () => {
      expect(depthBands({ bids: [], asks: [] }, '25', ['5'])).toEqual([{ pct: '5', bidLevels: 0, askLevels: 0, bidQuantity: '0', askQuantity: '0' }]);
    });
  });
});
