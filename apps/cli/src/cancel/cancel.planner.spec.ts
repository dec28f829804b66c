import fc from 'fast-check';
import { MAX_CANCELS_BY_ID_PER_TX } from '@mirrorbook/injective';
import { planCancelBatches, type CancelTarget } from './cancel.planner';

const target = (n: number, market = 'inj-usdt', marketType: 'spot' | 'derivative' = 'spot'): CancelTarget => ({
  market,
  marketId: `0x${(market === 'inj-usdt' ? 'aa' : 'bb').repeat(32)}`,
  marketType,
  orderHash: `0x${n.toString(16).padStart(64, '0')}`,
});

describe('planCancelBatches', () => {
  describe('when 5 spot and 2 derivative orders go out in batches of 3', () => {
    const targets = [1, 2, 3, 4, 5].map((n) => target(n)).concat([target(6, 'inj-usdt-perp', 'derivative'), target(7, 'inj-usdt-perp', 'derivative')]);
    const batches = planCancelBatches(targets, 3);

    it('needs three transactions', () => {
      expect(batches.map((b) => b.index)).toEqual([1, 2, 3]);
    });

    it('puts each order in the list of its market type', () => {
      expect(batches.map((b) => [b.spot.length, b.derivative.length])).toEqual([
        [3, 0],
        [2, 1],
        [0, 1],
      ]);
    });
  });

  it('cancels a hash listed twice once', () => {
    const batches = planCancelBatches([target(1), target(1), target(2)], 10);
    expect(batches[0]?.spot.map((t) => t.orderHash)).toEqual([target(1).orderHash, target(2).orderHash]);
  });

  it('plans nothing when there is nothing to cancel', () => {
    expect(planCancelBatches([], 100)).toEqual([]);
  });

  it('refuses a batch size the chain could not take', () => {
    expect(() => planCancelBatches([target(1)], 0)).toThrow(RangeError);
    expect(() => planCancelBatches([target(1)], MAX_CANCELS_BY_ID_PER_TX + 1)).toThrow(RangeError);
  });

  it('cancels every order exactly once and never overfills a batch', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 600 }), fc.integer({ min: 1, max: MAX_CANCELS_BY_ID_PER_TX }), (ids, size) => {
        const batches = planCancelBatches(ids.map((n) => target(n, n % 2 ? 'inj-usdt' : 'inj-usdt-perp', n % 2 ? 'spot' : 'derivative')), size);
        const all = batches.flatMap((b) => [...b.spot, ...b.derivative].map((t) => t.orderHash));
        return all.length === ids.length && new Set(all).size === ids.length && batches.every((b) => b.spot.length + b.derivative.length <= size);
      }),
    );
  });
});
