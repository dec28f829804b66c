import type { StoredOrder } from '@mirrorbook/contracts';
import { requiredReadHeight, staleReadReason } from './read-height';

const stored = (height: number | null): StoredOrder => ({ orderHash: `0x${'01'.repeat(32)}`, cid: 'a', side: 'buy', price: '9.5', quantity: '1', createdAt: 1, height });

describe('requiredReadHeight', () => {
  it('is the highest of the last own tx and the stored orders’ creation heights', () => {
    expect(requiredReadHeight(7, [stored(9), stored(null), stored(3)])).toBe(9);
    expect(requiredReadHeight(12, [stored(9)])).toBe(12);
    expect(requiredReadHeight(0, [])).toBe(0);
  });
});

describe('staleReadReason', () => {
  it('accepts a read at or above the required height', () => {
    expect([staleReadReason(10, 10), staleReadReason(11, 10)]).toEqual([null, null]);
  });

  it('refuses a read below it, or without a height', () => {
    expect(staleReadReason(9, 10)).toBe('the node answered at height 9, before 10');
    expect(staleReadReason(null, 0)).toContain('no block height');
  });
});
