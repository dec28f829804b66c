import type { StoredOrder } from '@mirrorbook/contracts';
import { Dec } from '@mirrorbook/market';
import { reconcileOrders, type ChainOrder, type ReconcileInput } from './order.reconciler';

const hash = (b: string) => `0x${b.repeat(32)}`;
const chainOrder = (b: string, cid: string | null, fillable = '2'): ChainOrder => ({ orderHash: hash(b), cid, side: 'buy', price: new Dec('9.5'), fillable: new Dec(fillable) });
const storedOrder = (b: string, cid: string, quantity = '2'): StoredOrder => ({ orderHash: hash(b), cid, side: 'buy', price: '9.5', quantity, createdAt: 1, height: 5 });
const input = (overrides: Partial<ReconcileInput>): ReconcileInput => ({ chain: [], stored: [], orphanPolicy: 'cancel', pendingCids: new Set(), missingBefore: new Set(), readHeight: 7, now: 99, ...overrides });

describe('reconcileOrders', () => {
  describe('when chain and store agree', () => {
    it('changes nothing', () => {
      const plan = reconcileOrders(input({ chain: [chainOrder('01', 'a')], stored: [storedOrder('01', 'a')] }));
      expect(plan).toEqual({ orphans: [], cancel: [], gone: [], missing: new Set(), partlyFilled: [] });
    });
  });

  describe('when the chain has an order nothing knows (a crash orphan)', () => {
    it('stores and cancels it under the default policy', () => {
      const plan = reconcileOrders(input({ chain: [chainOrder('02', 'x')] }));
      expect(plan.orphans).toEqual([{ orderHash: hash('02'), cid: 'x', side: 'buy', price: '9.5', quantity: '2', createdAt: 99, height: null }]);
      expect(plan.cancel).toEqual([hash('02')]);
    });

    it('adopts it under the adopt policy', () => {
      const plan = reconcileOrders(input({ chain: [chainOrder('02', 'x')], orphanPolicy: 'adopt' }));
      expect(plan.orphans).toHaveLength(1);
      expect(plan.cancel).toEqual([]);
    });

    it('adopts an order of a tx still in flight instead of cancelling it', () => {
      const plan = reconcileOrders(input({ chain: [chainOrder('03', 'mine')], pendingCids: new Set(['mine']) }));
      expect(plan.cancel).toEqual([]);
      expect(plan.orphans.map((o) => o.cid)).toEqual(['mine']);
    });
  });

  describe('when a stored order is missing from a read at or after its block', () => {
    it('drops it at once: the chain has seen it and no longer lists it', () => {
      const plan = reconcileOrders(input({ stored: [storedOrder('04', 'old')], readHeight: 5 }));
      expect(plan.gone.map((o) => o.cid)).toEqual(['old']);
      expect(plan.missing).toEqual(new Set());
    });
  });

  describe('when a stored order of unknown block (adopted) is missing from the chain', () => {
    const adopted = { ...storedOrder('04', 'old'), height: null };

    it('keeps it the first time, remembering it as missing', () => {
      const plan = reconcileOrders(input({ stored: [adopted] }));
      expect(plan.gone).toEqual([]);
      expect(plan.missing).toEqual(new Set([hash('04')]));
    });

    it('drops it when the previous pass missed it too', () => {
      const plan = reconcileOrders(input({ stored: [adopted], missingBefore: new Set([hash('04')]) }));
      expect(plan.gone.map((o) => o.cid)).toEqual(['old']);
      expect(plan.missing).toEqual(new Set());
    });

    it('starts counting again when it was listed in between', () => {
      const first = reconcileOrders(input({ stored: [adopted] }));
      const listed = reconcileOrders(input({ stored: [adopted], chain: [chainOrder('04', 'old')], missingBefore: first.missing }));
      const third = reconcileOrders(input({ stored: [adopted], missingBefore: listed.missing }));
      expect([listed.missing.size, third.gone.length, third.missing.size]).toEqual([0, 0, 1]);
    });
  });

  describe('when an order was partly filled', () => {
    it('stores the remaining quantity and reports the filled amount', () => {
      const plan = reconcileOrders(input({ chain: [chainOrder('05', 'p', '0.75')], stored: [storedOrder('05', 'p', '2')] }));
      expect(plan.partlyFilled).toEqual([{ order: storedOrder('05', 'p', '0.75'), filled: '1.25' }]);
    });
  });
});
