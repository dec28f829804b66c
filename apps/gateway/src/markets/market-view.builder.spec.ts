import type { BookSnapshot, PriceTick } from '@mirrorbook/contracts';
import { currentTradingTick, depthBands } from './market-view.builder';

const tick = { v: 1, net: 'sim', role: 'trading', market: 'inj-usdt', bid: '24.9', ask: '25.1', mid: '25', last: null, source: 'mid', height: 5, ts: 1000, seq: 1 } as PriceTick;
const book = (ts: number, bids: number, asks: number) =>
  ({ ts, bids: Array.from({ length: bids }, () => ({ price: '24.9', quantity: '1' })), asks: Array.from({ length: asks }, () => ({ price: '25.1', quantity: '1' })) }) as BookSnapshot;

describe('currentTradingTick', () => {
  it('drops the testnet price once a newer book has an empty side', () => {
    expect(currentTradingTick(tick, book(2000, 0, 0))).toBeUndefined();
    expect(currentTradingTick(tick, book(2000, 3, 0))).toBeUndefined();
  });
  it('keeps it while the book is two-sided or older than the tick', () => {
    expect(currentTradingTick(tick, book(2000, 2, 2))).toBe(tick);
    expect(currentTradingTick(tick, book(500, 0, 0))).toBe(tick);
    expect(currentTradingTick(tick, undefined)).toBe(tick);
  });
});

describe('depthBands', () => {
  const level = (price: string, quantity: string) => ({ price, quantity });
  const book = {
    bids: [level('99.5', '1.5'), level('99', '2'), level('98', '3'), level('94.9', '10')],
    asks: [level('100.5', '0.25'), level('101', '1'), level('102.01', '4'), level('105', '7')],
  };

  describe('around a reference of 100', () => {
    it('counts levels, sums base quantity and quote notional within 1, 2 and 5 % on each side, edges included', () => {
      expect(depthBands(book, '100')).toEqual([
        { pct: '1', bidLevels: 2, askLevels: 2, bidQuantity: '3.5', askQuantity: '1.25', bidNotional: '347.25', askNotional: '126.125' },
        { pct: '2', bidLevels: 3, askLevels: 2, bidQuantity: '6.5', askQuantity: '1.25', bidNotional: '641.25', askNotional: '126.125' },
        { pct: '5', bidLevels: 3, askLevels: 4, bidQuantity: '6.5', askQuantity: '12.25', bidNotional: '641.25', askNotional: '1269.165' },
      ]);
    });
  });

  describe('with quantities that floats would get wrong', () => {
    it('sums exactly', () => {
      const [band] = depthBands({ bids: [level('1', '0.1'), level('1', '0.2')], asks: [] }, '1', ['1']);
      expect(band.bidQuantity).toBe('0.3');
      expect(band.bidNotional).toBe('0.3');
    });
  });

  describe('with an empty book', () => {
    it('reports zero levels', () => {
      expect(depthBands({ bids: [], asks: [] }, '25', ['5'])).toEqual([
        { pct: '5', bidLevels: 0, askLevels: 0, bidQuantity: '0', askQuantity: '0', bidNotional: '0', askNotional: '0' },
      ]);
    });
  });
});
