import type { RunnableIntent } from '../intents/intent.triage';
import { batchIntent, createAction, marketPlan } from '../testing/intent.fixture';
import { selectForBatch } from './batch.selector';

const intentWith = (id: string, creates: number, cancelAll = false): RunnableIntent => {
  const actions = [...(cancelAll ? [{ type: 'cancelAll' as const }] : []), ...Array.from({ length: creates }, () => createAction())];
  const intent = batchIntent(id, [marketPlan('inj-usdt', 1, actions)]);
  return { intent, plans: intent.plans, supersededMarkets: [] };
};

describe('selectForBatch', () => {
  it('takes intents in order while their items fit', () => {
    const { now, later } = selectForBatch([intentWith('a', 60), intentWith('b', 60), intentWith('c', 60), intentWith('d', 10)], 150);
    expect(now.map((r) => r.intent.id)).toEqual(['a', 'b']);
    expect(later.map((r) => r.intent.id)).toEqual(['c', 'd']);
  });

  it('counts a cancel-all as one item', () => {
    expect(selectForBatch([intentWith('a', 9, true), intentWith('b', 0, true)], 11).now).toHaveLength(2);
  });

  it('still takes an oversized first intent on its own', () => {
    const { now, later } = selectForBatch([intentWith('big', 300), intentWith('small', 1)], 200);
    expect(now.map((r) => r.intent.id)).toEqual(['big']);
    expect(later.map((r) => r.intent.id)).toEqual(['small']);
  });
});
