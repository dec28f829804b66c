import type { OrderAction } from '@mirrorbook/contracts';
import { Dec } from '@mirrorbook/market';
import { assess } from './book.assessor';
import { withoutNoOps } from './no-op.filter';
import { emptyBook, hash, NOW, own } from './testing/strategy.fixtures';

const resting = assess(emptyBook, '25', [own(1, 'buy', '24.9', { quantity: new Dec('1.5') }), own(2, 'sell', '25.1')], NOW).ownOrders;
const create = (side: 'buy' | 'sell', price: string, quantity: string, extra: Partial<OrderAction> = {}): OrderAction =>
  ({ type: 'create', side, price, quantity, postOnly: true, reduceOnly: false, cid: `c-${side}-${price}`, ...extra }) as OrderAction;

describe('withoutNoOps', () => {
  it('drops a cancel and a create of the same side, price and quantity: a plan of only those is empty (no tx)', () => {
    expect(withoutNoOps([{ type: 'cancel', orderHash: hash(1) }, create('buy', '24.90', '1.5')], resting)).toEqual([]);
  });

  it('keeps the pair when the quantity differs (a partly filled order topped up)', () => {
    const actions = [{ type: 'cancel' as const, orderHash: hash(1) }, create('buy', '24.9', '2')];
    expect(withoutNoOps(actions, resting)).toEqual(actions);
  });

  it('keeps the pair when the order may take liquidity', () => {
    const actions = [{ type: 'cancel' as const, orderHash: hash(2) }, create('sell', '25.1', '1', { postOnly: false })];
    expect(withoutNoOps(actions, resting)).toEqual(actions);
  });

  it('leaves the other actions in their order', () => {
    const other = create('sell', '25.2', '1');
    expect(withoutNoOps([{ type: 'cancel', orderHash: hash(2) }, { type: 'cancel', orderHash: hash(1) }, create('buy', '24.9', '1.5'), other], resting)).toEqual([
      { type: 'cancel', orderHash: hash(2) },
      other,
    ]);
  });
});
