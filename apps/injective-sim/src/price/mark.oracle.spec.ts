import { Dec } from '@mirrorbook/market';
import { injUsdtMarkets } from '../exchange/inj-usdt.fixture';
import { followMark, MarkOracle } from './mark.oracle';
import { SeededRng } from './seeded.rng';

const { perpTestnet } = injUsdtMarkets();

describe('followMark', () => {
  it('closes `lag` of the gap to the reference per block (no noise)', () => {
    expect(followMark(new Dec(10), new Dec(12), { lag: 0.5, noisePerBlock: 0 }, 1.7).toFixed()).toBe('11');
    expect(followMark(new Dec(10), new Dec(12), { lag: 1, noisePerBlock: 0 }, 0).toFixed()).toBe('12');
  });

  it('adds exp(noise × normal) on top, rounded to 18 decimals', () => {
    const mark = followMark(new Dec(10), new Dec(10), { lag: 0.5, noisePerBlock: 0.001 }, 1);
    expect(mark.toFixed()).toBe(new Dec(10).mul(new Dec(0.001).exp()).toDecimalPlaces(18, Dec.ROUND_HALF_EVEN).toFixed());
    expect(mark.decimalPlaces()).toBeLessThanOrEqual(18);
  });
});

describe('MarkOracle', () => {
  function oracle(seed = 's', reference = () => new Dec(20)) {
    return new MarkOracle([{ market: perpTestnet, settings: { lag: 0.5, noisePerBlock: 0.0001 }, rng: new SeededRng(seed), reference }]);
  }

  it('starts at the reference and follows it with a lag and seeded noise, the same for the same seed', () => {
    let reference = new Dec(20);
    const a = oracle('s', () => reference);
    const b = oracle('s', () => reference);
    expect(a.mark(perpTestnet.id)!.toFixed()).toBe('20');
    reference = new Dec(22);
    a.step();
    b.step();
    const mark = a.mark(perpTestnet.id)!;
    expect(mark.toFixed()).toBe(b.mark(perpTestnet.id)!.toFixed());
    // about half way to 22, give or take the noise
    expect(mark.sub(21).abs().lt('0.02')).toBe(true);
    for (let i = 0; i < 40; i++) a.step();
    expect(a.mark(perpTestnet.id)!.sub(22).abs().lt('0.05')).toBe(true);
  });

  it('holds a fixed mark across blocks, unsets it (nil) and follows again from the reference', () => {
    const o = oracle();
    expect(o.set(perpTestnet.id, { mode: 'fixed', price: new Dec('13.5') })).toEqual({ mode: 'fixed', mark: new Dec('13.5') });
    o.step();
    expect(o.mark(perpTestnet.id)!.toFixed()).toBe('13.5');
    expect(o.set(perpTestnet.id, { mode: 'none' }).mark).toBeNull();
    o.step();
    expect(o.mark(perpTestnet.id)).toBeNull();
    expect(o.set(perpTestnet.id, { mode: 'follow' })).toEqual({ mode: 'follow', mark: new Dec(20) });
  });

  it('knows only its own markets', () => {
    const o = oracle();
    expect(o.mark('0xother')).toBeUndefined();
    expect(() => o.set('0xother', { mode: 'none' })).toThrow(RangeError);
    expect(() => o.set(perpTestnet.id, { mode: 'fixed', price: new Dec(0) })).toThrow(RangeError);
  });
});
