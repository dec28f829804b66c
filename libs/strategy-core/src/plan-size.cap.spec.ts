import type { OrderAction } from '@mirrorbook/contracts';
import { capPlanSize } from './plan-size.cap';

const cancel = (i: number): OrderAction => ({ type: 'cancel', orderHash: `0x${String(i).padStart(64, '0')}` });
const create = (i: number): OrderAction => ({ type: 'create', side: i % 2 ? 'sell' : 'buy', price: String(25 + i / 1000), quantity: '1', cid: `c${i}` }) as OrderAction;

describe('capPlanSize', () => {
  it('leaves a plan within the limit as it is', () => {
    const actions = [cancel(1), create(1), create(2)];
    expect(capPlanSize(actions, 3)).toEqual({ actions, deferred: 0 });
  });

  it('keeps every cancel and the first creates (nearest the reference) up to the limit, and counts the deferred ones', () => {
    const cancels = Array.from({ length: 77 }, (_, i) => cancel(i));
    const creates = Array.from({ length: 80 }, (_, i) => create(i));
    const { actions, deferred } = capPlanSize([...cancels, ...creates], 150);
    expect(actions).toHaveLength(150);
    expect(deferred).toBe(7);
    expect(actions.slice(0, 77)).toEqual(cancels);
    expect(actions.slice(77)).toEqual(creates.slice(0, 73));
  });

  it('keeps the order of interleaved cancels and creates', () => {
    const { actions } = capPlanSize([create(1), cancel(1), create(2), cancel(2), create(3)], 3);
    expect(actions).toEqual([create(1), cancel(1), cancel(2)]);
  });

  it('with more cancels than the limit, sends the first cancels only', () => {
    const cancels = Array.from({ length: 5 }, (_, i) => cancel(i));
    expect(capPlanSize([...cancels, create(1)], 3)).toEqual({ actions: cancels.slice(0, 3), deferred: 1 });
  });
});
