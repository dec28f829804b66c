import { Dec } from '@mirrorbook/market';
import type { PreTradeLimits } from '../settings/executor.settings';
import { mayTake, priceBandOf } from './price-band';

const limits = {
  bandPct: new Dec(10),
  movingBandPct: new Dec(50),
  marketMovingGapPct: new Dec(10),
  tradingPriceMaxAgeMs: 10_000,
} as PreTradeLimits;
const NOW = 100_000;
const testnet = (mid: string, bid: string | null = null, ask: string | null = null, ageMs = 0) => ({
  mid: new Dec(mid), bid: bid === null ? null : new Dec(bid), ask: ask === null ? null : new Dec(ask), ts: NOW - ageMs,
});

describe('priceBandOf', () => {
  const band = (mid: string | undefined, price: string, ageMs = 0) =>
    priceBandOf(limits, new Dec(10), mid === undefined ? undefined : testnet(mid, null, null, ageMs), NOW, new Dec(price));

  it('keeps the normal band up to the market-moving gap, edge included', () => {
    expect(band('11', '12')).toEqual({ pct: new Dec(10), measuredGapPct: new Dec(10), widened: false });
    expect(band(undefined, '12')).toEqual({ pct: new Dec(10), measuredGapPct: null, widened: false });
  });

  it("widens to gap + band beyond it, on the testnet mid's side only, capped by the moving band", () => {
    expect(band('8.9', '8').pct.toFixed()).toBe('21');
    expect(band('8.9', '12').pct.toFixed()).toBe('10');
    expect(band('30', '14').pct.toFixed()).toBe('50');
  });

  it('does not count a stale testnet price', () => {
    expect(band('13', '12', 10_001)).toEqual({ pct: new Dec(10), measuredGapPct: null, widened: false });
  });
});

describe('mayTake', () => {
  const order = (side: 'buy' | 'sell', price: string, postOnly = false) => ({ side, price, postOnly });

  it('counts a post-only order never and any other one unless a fresh book shows it does not cross', () => {
    expect(mayTake(order('buy', '20', true), undefined, NOW, 10_000)).toBe(false);
    expect(mayTake(order('buy', '1'), undefined, NOW, 10_000)).toBe(true);
    expect(mayTake(order('buy', '1'), testnet('10', '9.9', '10.1', 10_001), NOW, 10_000)).toBe(true);
    const book = testnet('10', '9.9', '10.1');
    expect([mayTake(order('buy', '10.09'), book, NOW, 10_000), mayTake(order('buy', '10.1'), book, NOW, 10_000)]).toEqual([false, true]);
    expect([mayTake(order('sell', '9.91'), book, NOW, 10_000), mayTake(order('sell', '9.9'), book, NOW, 10_000)]).toEqual([false, true]);
    expect(mayTake(order('buy', '50'), testnet('10', '9.9', null), NOW, 10_000)).toBe(false);
  });
});
