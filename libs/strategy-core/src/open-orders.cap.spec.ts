import type { OrderAction } from '@mirrorbook/contracts';
import { Dec } from '@mirrorbook/market';
import { capOpenOrders } from './open-orders.cap';
import type { AssessedOwnOrder } from './own-order.model';

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const own = (n: number, side: 'buy' | 'sell'): AssessedOwnOrder =>
  ({ order: { orderHash: hash(n), side, price: new Dec(25), quantity: new Dec(1), createdAtMs: n }, distancePct: new Dec(1), wrongSide: false, ageMs: 0 }) as unknown as AssessedOwnOrder;
const create = (side: 'buy' | 'sell', i: number): OrderAction => ({ type: 'create', side, price: '25', quantity: '1', postOnly: true, reduceOnly: false, cid: `c${side}${i}` });

describe('capOpenOrders', () => {
  describe('when the plan would leave more resting orders on a side than the cap', () => {
    it('cancels the oldest remaining orders of that side, before the creates', () => {
      const orders = [own(1, 'buy'), own(2, 'buy'), own(3, 'buy'), own(4, 'sell')];
      const actions: OrderAction[] = [{ type: 'cancel', orderHash: hash(2) }, create('buy', 1), create('buy', 2)];
      const capped = capOpenOrders(actions, orders, 3);
      // buys: 1 and 3 remain + 2 created = 4 > 3 → cancel the oldest remaining (1)
      expect(capped).toEqual([{ type: 'cancel', orderHash: hash(2) }, { type: 'cancel', orderHash: hash(1) }, create('buy', 1), create('buy', 2)]);
    });
  });

  describe('when every side stays within the cap', () => {
    it('returns the plan unchanged', () => {
      const actions = [create('sell', 1)];
      expect(capOpenOrders(actions, [own(1, 'sell')], 2)).toEqual(actions);
    });
  });
});
