import type { OrderAction } from '@mirrorbook/contracts';
import { Dec } from '@mirrorbook/market';
import { capOpenOrders } from './open-orders.cap';
import type { AssessedOwnOrder } from './own-order.model';

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const own = (n: number, side: 'buy' | 'sell', distancePct = 1): AssessedOwnOrder =>
  ({ order: { orderHash: hash(n), side, price: new Dec(25), quantity: new Dec(1), createdAtMs: n }, distancePct: new Dec(distancePct), wrongSide: false, ageMs: 0 }) as unknown as AssessedOwnOrder;
const create = (side: 'buy' | 'sell', i: number): OrderAction => ({ type: 'create', side, price: '25', quantity: '1', postOnly: true, reduceOnly: false, cid: `c${side}${i}` });

describe('capOpenOrders', () => {
  describe('when the plan would leave more resting orders on a side than the cap', () => {
    it('cancels the farthest remaining orders of that side, before the creates', () => {
      const orders = [own(1, 'buy', 0.05), own(2, 'buy', 1), own(3, 'buy', 4), own(4, 'sell', 9)];
      const actions: OrderAction[] = [{ type: 'cancel', orderHash: hash(2) }, create('buy', 1), create('buy', 2)];
      const capped = capOpenOrders(actions, orders, 3);
      // buys: 1 (0.05 %) and 3 (4 %) remain + 2 created = 4 > 3 → cancel the farthest remaining (3)
      expect(capped).toEqual([{ type: 'cancel', orderHash: hash(2) }, { type: 'cancel', orderHash: hash(3) }, create('buy', 1), create('buy', 2)]);
    });
  });

  describe('when every side stays within the cap', () => {
    it('returns the plan unchanged', () => {
      const actions = [create('sell', 1)];
      expect(capOpenOrders(actions, [own(1, 'sell')], 2)).toEqual(actions);
    });
  });
});
