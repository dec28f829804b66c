import { Dec } from '@mirrorbook/market';
import { withoutGasReserve } from './pre-trade-context.loader';

describe('withoutGasReserve', () => {
  const available = new Map([
    ['inj', new Dec('5')],
    ['usdt', new Dec('100')],
  ]);

  it('takes the reserve off the fee denom only', () => {
    const left = withoutGasReserve(available, 'inj', new Dec(1));
    expect(left.get('inj')!.toFixed()).toBe('4');
    expect(left.get('usdt')!.toFixed()).toBe('100');
  });

  it('never goes below zero', () => {
    expect(withoutGasReserve(available, 'inj', new Dec(9)).get('inj')!.toFixed()).toBe('0');
  });

  it('changes nothing without a reserve or without fee-denom funds', () => {
    expect(withoutGasReserve(available, 'inj', new Dec(0))).toBe(available);
    expect(withoutGasReserve(new Map([['usdt', new Dec(1)]]), 'inj', new Dec(1)).has('inj')).toBe(false);
  });
});
