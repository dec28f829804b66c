import type { OrderAction } from '@mirrorbook/contracts';
import { Dec } from '@mirrorbook/market';
import { foldIntoCancelAll } from './cancel-all.fold';
import type { AssessedOwnOrder } from './own-order.model';
import { hash } from './testing/strategy.fixtures';

const held = (n: number) => ({ order: { orderHash: hash(n), side: 'buy', price: new Dec(1), quantity: new Dec(1), createdAtMs: 0 } }) as AssessedOwnOrder;
const cancel = (n: number): OrderAction => ({ type: 'cancel', orderHash: hash(n) });
const create = (cid: string): OrderAction => ({ type: 'create', cid, side: 'sell', price: '2', quantity: '1', postOnly: true, reduceOnly: false });

describe('foldIntoCancelAll', () => {
  it('says "cancel every order" once when the plan cancels all the bot holds, keeping the creates in order', () => {
    const folded = foldIntoCancelAll([cancel(2), create('a'), cancel(1), create('b')], [held(1), held(2)]);
    expect(folded).toEqual([{ type: 'cancelAll' }, create('a'), create('b')]);
  });

  it('keeps the cancels when an order the bot holds stays', () => {
    const actions = [cancel(1), cancel(2), create('a')];
    expect(foldIntoCancelAll(actions, [held(1), held(2), held(3)])).toEqual(actions);
  });

  it('keeps a single cancel as it is', () => {
    const actions = [cancel(1), create('a')];
    expect(foldIntoCancelAll(actions, [held(1)])).toEqual(actions);
  });

  it('leaves a plan without cancels alone', () => {
    expect(foldIntoCancelAll([create('a')], [])).toEqual([create('a')]);
  });
});
