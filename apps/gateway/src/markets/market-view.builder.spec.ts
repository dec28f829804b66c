import type { BookSnapshot, PriceTick } from '@mirrorbook/contracts';
import { currentTradingTick } from './market-view.builder';

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
