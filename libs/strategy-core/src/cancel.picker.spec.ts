import { assess } from './book.assessor';
import { pickCancels } from './cancel.picker';
import { emptyBook, hash, NOW, own } from './testing/strategy.fixtures';

// reference 25: two bids and two asks at equal distances, one bid on the wrong side
const orders = [
  own(1, 'buy', '24', { createdAtMs: NOW - 10 }),
  own(2, 'sell', '26', { createdAtMs: NOW - 20 }),
  own(3, 'buy', '24.5', { createdAtMs: NOW - 30 }),
  own(4, 'sell', '26', { createdAtMs: NOW - 20 }),
  own(5, 'buy', '25.1', { createdAtMs: NOW - 5 }),
];
const assessed = assess(emptyBook, '25', orders, NOW).ownOrders;
const hashes = (picked: ReturnType<typeof pickCancels>) => picked.map((o) => o.order.orderHash);

describe('pickCancels', () => {
  it('takes the farthest first, then the oldest, then by hash', () => {
    expect(hashes(pickCancels(assessed, 3, 'farthest'))).toEqual([hash(2), hash(4), hash(1)]);
  });

  it('takes the oldest first', () => {
    expect(hashes(pickCancels(assessed, 2, 'oldest'))).toEqual([hash(3), hash(2)]);
  });

  it('puts orders on the wrong side of the reference before all others when asked', () => {
    expect(hashes(pickCancels(assessed, 2, 'oldest', true))).toEqual([hash(5), hash(3)]);
  });

  it('does not depend on the order the orders come in', () => {
    const reversed = [...assessed].reverse();
    expect(hashes(pickCancels(reversed, 5, 'farthest'))).toEqual(hashes(pickCancels(assessed, 5, 'farthest')));
  });

  it('takes all there are when asked for more', () => {
    expect(pickCancels(assessed, 9, 'oldest')).toHaveLength(5);
  });
});
