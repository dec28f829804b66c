import type { BatchIntent, ExecutionReport, PriceTick } from '@mirrorbook/contracts';
import { matchTickReactions } from '../../bench/lib/pipeline.latency';

const tick = (seq: number, mid: string, ts: number, market = 'inj-usdt'): PriceTick => ({
  v: 1, net: 'sim', role: 'reference', market, bid: mid, ask: mid, mid, last: null, source: 'mid', height: 1, ts, seq,
});

const intent = (id: string, ts: number, priceSeq: number, market = 'inj-usdt'): BatchIntent => ({
  v: 1, id, wallet: 'w1', bot: 'b1', ts, deadline: ts + 3000,
  plans: [{ market, phase: 'MAINTENANCE', basedOn: { bookSeq: priceSeq, priceSeq, referencePrice: '25' }, actions: [{ type: 'cancelAll' }] }],
});

const applied = (intentIds: string[], toBroadcastMs: number, height: number): ExecutionReport => ({
  v: 1, wallet: 'w1', intentIds, outcome: 'applied', txHash: 'A'.repeat(64), height, code: 0, codespace: null,
  createdOrderHashes: [], cancelledOrderHashes: [], failed: [], latency: { toBroadcastMs, toInclusionMs: toBroadcastMs + 400 }, error: null, ts: 0,
});

describe('matchTickReactions', () => {
  describe('when a moved tick is planned from and broadcast', () => {
    it('times tick → intent → broadcast → block seen', () => {
      const ticks = [tick(1, '25.000', 1000), tick(2, '25.010', 2000)];
      const intents = new Map([['i1', intent('i1', 2100, 2)]]);
      const { reactions, unanswered } = matchTickReactions(ticks, intents, [applied(['i1'], 50, 7)], new Map([[7, 2600]]), 0, 10_000);
      expect(unanswered).toBe(0);
      expect(reactions).toEqual([{ market: 'inj-usdt', seq: 2, tickAt: 2000, intentAt: 2100, broadcastAt: 2150, includedAt: 2600, height: 7 }]);
    });
  });

  describe('when the tick repeats the previous mid', () => {
    it('is not a move and is not timed', () => {
      const ticks = [tick(1, '25.000', 1000), tick(2, '25.000', 2000)];
      const intents = new Map([['i1', intent('i1', 2100, 2)]]);
      expect(matchTickReactions(ticks, intents, [applied(['i1'], 50, 7)], new Map(), 0, 10_000).reactions).toEqual([]);
    });
  });

  describe('when the first plan after a move is not broadcast but a later one from a newer tick is', () => {
    it('answers the move with the later tx and keeps the first intent time', () => {
      const ticks = [tick(1, '25.000', 1000), tick(2, '25.010', 2000), tick(3, '25.020', 2700)];
      const intents = new Map([['i1', intent('i1', 2100, 2)], ['i2', intent('i2', 2800, 3)]]);
      const { reactions } = matchTickReactions(ticks, intents, [applied(['i2'], 30, 9)], new Map([[9, 3300]]), 0, 10_000);
      expect(reactions[0]).toMatchObject({ seq: 2, intentAt: 2100, broadcastAt: 2830, height: 9 });
      expect(reactions[1]).toMatchObject({ seq: 3, intentAt: 2800, broadcastAt: 2830 });
    });
  });

  describe('when a tx merges several intents', () => {
    it('dates the broadcast from the earliest intent it carries', () => {
      const ticks = [tick(1, '25.000', 1000), tick(2, '25.010', 2000)];
      const intents = new Map([['i0', intent('i0', 1900, 1, 'atom-usdt')], ['i1', intent('i1', 2100, 2)]]);
      const { reactions } = matchTickReactions(ticks, intents, [applied(['i0', 'i1'], 300, 7)], new Map(), 0, 10_000);
      expect(reactions[0]).toMatchObject({ broadcastAt: 2200, includedAt: null });
    });
  });

  describe('when no applied tx answers a move', () => {
    it('counts it as unanswered', () => {
      const ticks = [tick(1, '25.000', 1000), tick(2, '25.010', 2000)];
      expect(matchTickReactions(ticks, new Map(), [], new Map(), 0, 10_000)).toEqual({ reactions: [], unanswered: 1 });
    });
  });

  describe('when a move falls outside the window', () => {
    it('is ignored', () => {
      const ticks = [tick(1, '25.000', 1000), tick(2, '25.010', 2000)];
      expect(matchTickReactions(ticks, new Map(), [], new Map(), 3000, 10_000)).toEqual({ reactions: [], unanswered: 0 });
    });
  });
});
