import { priceTickSchema } from '@mirrorbook/contracts';
import { Dec } from '@mirrorbook/market';
import { referenceTick, tradingTick } from './price-tick.builder';

const stamp = { net: 'sim' as const, market: 'inj-usdt', height: 42, ts: 1_700_000_000_000 };
const level = (p: string) => ({ price: new Dec(p), quantity: new Dec('1') });

describe('referenceTick', () => {
  it('writes plain decimal strings without the 18-decimal padding and validates as md.price', () => {
    const tick = referenceTick(stamp, { bid: new Dec('12.345000000000000000'), ask: new Dec('12.35'), price: new Dec('12.3475'), source: 'mid' });
    expect(tick).toEqual({ ...stamp, v: 1, role: 'reference', bid: '12.345', ask: '12.35', mid: '12.3475', last: null, source: 'mid' });
    expect(priceTickSchema.safeParse({ ...tick, seq: 1 }).success).toBe(true);
  });

  it('never prints exponent notation for tiny prices', () => {
    const tick = referenceTick(stamp, { bid: new Dec('1e-15'), ask: new Dec('3e-15'), price: new Dec('2e-15'), source: 'mid' });
    expect(tick.mid).toBe('0.000000000000002');
  });
});

describe('tradingTick', () => {
  it('takes the mid of the best levels', () => {
    const tick = tradingTick(stamp, { bids: [level('9.99'), level('9.98')], asks: [level('10.02')] });
    expect(tick).toMatchObject({ role: 'trading', bid: '9.99', ask: '10.02', mid: '10.005', source: 'mid' });
    expect(priceTickSchema.safeParse({ ...tick, seq: 1 }).success).toBe(true);
  });

  it('has no tick while a side is empty', () => {
    expect(tradingTick(stamp, { bids: [level('9.99')], asks: [] })).toBeNull();
  });
});
