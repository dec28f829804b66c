import type { CheckedIntent } from '../checks/pre-trade.checker';
import { batchIntent, createAction, marketPlan } from '../testing/intent.fixture';
import { mergeIntents } from './batch.merger';

const HASH_A = `0x${'aa'.repeat(32)}`;
const HASH_B = `0x${'bb'.repeat(32)}`;
const checked = (intent: ReturnType<typeof batchIntent>): CheckedIntent => ({ intent, plans: intent.plans, rejected: [] });

describe('mergeIntents', () => {
  describe('when intents for three markets wait', () => {
    it('puts them into one batch, markets in first-seen order, with the earliest planning time', () => {
      const batch = mergeIntents([
        checked(batchIntent('i1', [marketPlan('inj-usdt', 4, [createAction({ cid: 'a' })])], { ts: 500 })),
        checked(batchIntent('i2', [marketPlan('atom-usdt', 7, [createAction({ cid: 'b' })])], { ts: 400 })),
        checked(batchIntent('i3', [marketPlan('inj-usdt-perp', 9, [createAction({ cid: 'c' })])], { ts: 600 })),
      ]);
      expect(batch?.intentIds).toEqual(['i1', 'i2', 'i3']);
      expect(batch?.markets.map((m) => [m.market, m.creates.map((c) => c.action.cid)])).toEqual([
        ['inj-usdt', ['a']],
        ['atom-usdt', ['b']],
        ['inj-usdt-perp', ['c']],
      ]);
      expect(batch?.plannedAt).toBe(400);
      expect(Object.fromEntries(batch!.bookSeqs)).toEqual({ 'inj-usdt': 4, 'atom-usdt': 7, 'inj-usdt-perp': 9 });
    });
  });

  describe('when two intents touch the same market', () => {
    it('cancels a hash once and keeps both intents\' creates', () => {
      const batch = mergeIntents([
        checked(batchIntent('i1', [marketPlan('inj-usdt', 4, [{ type: 'cancel', orderHash: HASH_A }, createAction({ cid: 'a' })])], { bot: 'x' })),
        checked(batchIntent('i2', [marketPlan('inj-usdt', 4, [{ type: 'cancel', orderHash: HASH_A.toUpperCase().replace('0X', '0x') }, { type: 'cancel', orderHash: HASH_B }, createAction({ cid: 'b' })])], { bot: 'y' })),
      ]);
      expect(batch?.markets).toHaveLength(1);
      expect(batch?.markets[0].cancels).toEqual([HASH_A, HASH_B]);
      expect(batch?.markets[0].creates.map((c) => [c.intentId, c.bot, c.action.cid])).toEqual([
        ['i1', 'x', 'a'],
        ['i2', 'y', 'b'],
      ]);
    });

    it('lets a cancel-all replace the single cancels of its market', () => {
      const batch = mergeIntents([
        checked(batchIntent('i1', [marketPlan('inj-usdt', 4, [{ type: 'cancel', orderHash: HASH_A }])])),
        checked(batchIntent('i2', [marketPlan('inj-usdt', 5, [{ type: 'cancelAll' }, createAction({ cid: 'n' })])])),
      ]);
      expect(batch?.markets[0]).toMatchObject({ cancelAll: true, cancels: [] });
      expect(batch?.bookSeqs.get('inj-usdt')).toBe(5);
    });
  });

  describe('when every action was refused', () => {
    it('leaves nothing to send', () => {
      expect(mergeIntents([{ intent: batchIntent('i1', [marketPlan('inj-usdt', 1)]), plans: [], rejected: [] }])).toBeNull();
    });
  });
});
