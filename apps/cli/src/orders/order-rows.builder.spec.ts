import { Dec } from '@mirrorbook/market';
import type { OpenOrder } from '@mirrorbook/injective';
import { buildOrderRows, createdAtByHash } from './order-rows.builder';

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const order = (n: number, side: 'buy' | 'sell', price: string, fillable = '1'): OpenOrder => ({
  orderHash: hash(n),
  cid: n === 1 ? 'mm-1' : null,
  side,
  price: new Dec(price),
  quantity: new Dec('2'),
  fillable: new Dec(fillable),
  margin: null,
});
const stored = (n: number, createdAt: number) =>
  JSON.stringify({ orderHash: hash(n), cid: null, side: 'buy', price: '1', quantity: '1', createdAt, height: 7 });

describe('createdAtByHash', () => {
  it('reads createdAt of every stored order, keyed by lower-case hash', () => {
    const map = createdAtByHash({ [`0x${'AB'.repeat(32)}`]: stored(1, 1_000) });
    expect(map.get(`0x${'ab'.repeat(32)}`)).toBe(1_000);
  });

  it('skips entries that are not StoredOrder JSON instead of guessing', () => {
    const map = createdAtByHash({ [hash(1)]: 'not json', [hash(2)]: '{"createdAt":"yesterday"}' });
    expect(map.size).toBe(0);
  });
});

describe('buildOrderRows', () => {
  const now = 1_700_000_100_000;
  const rows = buildOrderRows({
    wallet: 'w1',
    market: 'inj-usdt',
    orders: [order(1, 'buy', '24.5', '0.25'), order(2, 'sell', '25.5'), order(3, 'sell', '26'), order(4, 'buy', '24.9')],
    reference: new Dec('25'),
    createdAt: new Map([[hash(1), now - 192_000]]),
    now,
  });

  it('lists asks from the highest down, then bids from the highest down', () => {
    expect(rows.map((r) => r.price.toFixed())).toEqual(['26', '25.5', '24.9', '24.5']);
  });

  it('gives each order its signed distance from the reference', () => {
    expect(rows.map((r) => r.distancePct?.toFixed())).toEqual(['4', '2', '-0.4', '-2']);
  });

  it('shows the open (fillable) quantity and keeps the original', () => {
    const partly = rows.find((r) => r.orderHash === hash(1));
    expect(partly?.quantity.toFixed()).toBe('0.25');
    expect(partly?.originalQuantity.toFixed()).toBe('2');
  });

  it('knows the age only where a record says when the order was created', () => {
    expect(rows.find((r) => r.orderHash === hash(1))?.ageMs).toBe(192_000);
    expect(rows.find((r) => r.orderHash === hash(2))?.ageMs).toBeNull();
  });

  describe('without a reference price', () => {
    it('leaves the distance unknown', () => {
      const [row] = buildOrderRows({ wallet: 'w1', market: 'm', orders: [order(9, 'buy', '1')], reference: null, createdAt: new Map(), now });
      expect(row?.distancePct).toBeNull();
    });
  });
});
