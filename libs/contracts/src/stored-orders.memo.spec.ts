import { StoredOrdersMemo } from './stored-orders.memo';
import { storedOrderSchema, type StoredOrder } from './redis-state.schema';

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const order = (n: number, quantity = '1'): StoredOrder => ({ orderHash: hash(n), cid: `c${n}`, side: 'buy', price: `${10 + n}`, quantity, createdAt: 1_700_000_000_000, height: 5 });
const entries = (...orders: StoredOrder[]) => Object.fromEntries(orders.map((o) => [o.orderHash, JSON.stringify(o)]));

function counting() {
  const parsed: string[] = [];
  const memo = new StoredOrdersMemo((key, orderHash, json) => {
    parsed.push(`${key} ${orderHash}`);
    const result = storedOrderSchema.safeParse(JSON.parse(json));
    return result.success ? result.data : undefined;
  });
  return { memo, parsed };
}

describe('StoredOrdersMemo', () => {
  it('parses an entry once while its text stays the same, and again when the executor rewrites it', () => {
    const { memo, parsed } = counting();
    expect(memo.orders('orders:w1:inj-usdt', entries(order(1), order(2)))).toEqual([order(1), order(2)]);
    expect(memo.orders('orders:w1:inj-usdt', entries(order(1), order(2)))).toEqual([order(1), order(2)]);
    expect(parsed).toHaveLength(2);

    // a partial fill rewrites one entry: only it is parsed again
    expect(memo.orders('orders:w1:inj-usdt', entries(order(1), order(2, '0.5')))).toEqual([order(1), order(2, '0.5')]);
    expect(parsed).toEqual([`orders:w1:inj-usdt ${hash(1)}`, `orders:w1:inj-usdt ${hash(2)}`, `orders:w1:inj-usdt ${hash(2)}`]);
  });

  it('keeps only the entries still in the hash, per key', () => {
    const { memo, parsed } = counting();
    memo.orders('orders:w1:inj-usdt', entries(order(1), order(2), order(3)));
    memo.orders('orders:w2:inj-usdt', entries(order(4)));
    expect(memo.size).toBe(4);
    expect(memo.orders('orders:w1:inj-usdt', entries(order(3)))).toEqual([order(3)]);
    expect(memo.orders('orders:w1:inj-usdt', null)).toEqual([]);
    expect(memo.size).toBe(1);
    // an order gone and back (the same hash) is parsed again: nothing stale is held
    memo.orders('orders:w1:inj-usdt', entries(order(1)));
    expect(parsed.filter((p) => p.endsWith(hash(1)))).toHaveLength(2);
  });

  it('leaves out a refused entry without parsing it again on each read', () => {
    const { memo, parsed } = counting();
    const bad = { ...entries(order(1)), [hash(9)]: '{"orderHash":"nope"}' };
    expect(memo.orders('orders:w1:inj-usdt', bad)).toEqual([order(1)]);
    expect(memo.orders('orders:w1:inj-usdt', bad)).toEqual([order(1)]);
    expect(parsed).toHaveLength(2);
  });
});
