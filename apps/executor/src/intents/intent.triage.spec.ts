import { batchIntent, createAction, marketPlan } from '../testing/intent.fixture';
import { triageIntents, type TriageInput } from './intent.triage';

const running = () => true;
const base = (pending: TriageInput['pending'], overrides: Partial<TriageInput> = {}): TriageInput => ({
  pending,
  now: 1_000_500,
  lastAppliedBookSeq: new Map(),
  newestBookSeq: new Map(),
  botRunning: running,
  maxActionsPerIntent: 150,
  ...overrides,
});
const ids = (intents: readonly { id: string }[]) => intents.map((i) => i.id);

describe('triageIntents', () => {
  describe('when an intent is past its deadline', () => {
    it('drops it as expired', () => {
      const late = batchIntent('late', [marketPlan('inj-usdt', 5)], { deadline: 1_000_000 });
      const fresh = batchIntent('fresh', [marketPlan('atom-usdt', 5)]);
      const triage = triageIntents(base([late, fresh]));
      expect(ids(triage.expired)).toEqual(['late']);
      expect(triage.runnable.map((r) => r.intent.id)).toEqual(['fresh']);
    });
  });

  describe('when a plan claims a book newer than the feed published', () => {
    it('refuses the intent before supersession, so the genuine plans of the market stay runnable', () => {
      const hostile = batchIntent('hostile', [marketPlan('inj-usdt', Number.MAX_SAFE_INTEGER)]);
      const genuine = batchIntent('genuine', [marketPlan('inj-usdt', 7)]);
      const triage = triageIntents(base([hostile, genuine], { newestBookSeq: new Map([['inj-usdt', 7]]) }));
      expect(triage.aheadOfBook.map((r) => [r.intent.id, r.issue.reason])).toEqual([['hostile', 'book-seq-ahead']]);
      expect(triage.runnable.map((r) => r.intent.id)).toEqual(['genuine']);
      expect(triage.superseded).toEqual([]);
    });

    it('bounds the seq by the clock when no book is stored for the market', () => {
      const now = base([]).now;
      const ahead = batchIntent('ahead', [marketPlan('inj-usdt', now + 5_001)]);
      const within = batchIntent('within', [marketPlan('atom-usdt', now + 5_000)]);
      const triage = triageIntents(base([ahead, within]));
      expect(triage.aheadOfBook.map((r) => r.intent.id)).toEqual(['ahead']);
      expect(triage.runnable.map((r) => r.intent.id)).toEqual(['within']);
    });
  });

  describe('when the bot is not running', () => {
    it('refuses the intent', () => {
      const intent = batchIntent('i1', [marketPlan('inj-usdt', 5)], { bot: 'stopped-bot' });
      const triage = triageIntents(base([intent], { botRunning: (id) => id !== 'stopped-bot' }));
      expect(ids(triage.botNotRunning)).toEqual(['i1']);
      expect(triage.runnable).toEqual([]);
    });
  });

  describe('when an intent carries more creates and cancels than the per-intent cap', () => {
    it('refuses it whole with its item count, so it is never signed, and lets the others run', () => {
      const creates = Array.from({ length: 3 }, () => createAction());
      const big = batchIntent('big', [marketPlan('inj-usdt', 5, [...creates, { type: 'cancelAll' }]), marketPlan('atom-usdt', 5, [createAction()])]);
      const fits = batchIntent('fits', [marketPlan('inj-usdt-perp', 5, creates)]);
      const triage = triageIntents(base([big, fits], { maxActionsPerIntent: 4 }));
      expect(triage.tooLarge.map((t) => [t.intent.id, t.items])).toEqual([['big', 5]]);
      expect(triage.runnable.map((r) => r.intent.id)).toEqual(['fits']);
    });
  });

  describe('when a plan was built from an older book than the last applied', () => {
    it('supersedes it', () => {
      const old = batchIntent('old', [marketPlan('inj-usdt', 4)]);
      const triage = triageIntents(base([old], { lastAppliedBookSeq: new Map([['inj-usdt', 5]]) }));
      expect(ids(triage.superseded)).toEqual(['old']);
    });

    it('keeps a plan built from the same book as the last applied', () => {
      const same = batchIntent('same', [marketPlan('inj-usdt', 5)]);
      const triage = triageIntents(base([same], { lastAppliedBookSeq: new Map([['inj-usdt', 5]]) }));
      expect(triage.runnable.map((r) => r.intent.id)).toEqual(['same']);
    });
  });

  describe('when several pending intents plan the same market', () => {
    it('keeps only the plan from the newest book, whatever the arrival order', () => {
      const newer = batchIntent('newer', [marketPlan('inj-usdt', 9)]);
      const older = batchIntent('older', [marketPlan('inj-usdt', 7)]);
      const triage = triageIntents(base([newer, older]));
      expect(ids(triage.superseded)).toEqual(['older']);
      expect(triage.runnable.map((r) => r.intent.id)).toEqual(['newer']);
    });

    it('keeps the last re-plan of a bot from the same book', () => {
      const first = batchIntent('first', [marketPlan('inj-usdt', 9)]);
      const again = batchIntent('again', [marketPlan('inj-usdt', 9)]);
      const triage = triageIntents(base([first, again]));
      expect(ids(triage.superseded)).toEqual(['first']);
    });

    it("keeps two bots' plans from the same book side by side", () => {
      const a = batchIntent('a', [marketPlan('inj-usdt', 9)], { bot: 'bot-a' });
      const b = batchIntent('b', [marketPlan('inj-usdt', 9)], { bot: 'bot-b' });
      expect(triageIntents(base([a, b])).runnable.map((r) => r.intent.id)).toEqual(['a', 'b']);
    });

    it('drops only the superseded market of a multi-market intent', () => {
      const wide = batchIntent('wide', [marketPlan('inj-usdt', 3), marketPlan('atom-usdt', 3)]);
      const narrow = batchIntent('narrow', [marketPlan('inj-usdt', 4)]);
      const [first, second] = triageIntents(base([wide, narrow])).runnable;
      expect(first.intent.id).toBe('wide');
      expect(first.plans.map((p) => p.market)).toEqual(['atom-usdt']);
      expect(first.supersededMarkets).toEqual(['inj-usdt']);
      expect(second.plans.map((p) => p.market)).toEqual(['inj-usdt']);
    });
  });

  describe('when intents for different markets wait together', () => {
    it('keeps them all runnable in arrival order', () => {
      const pending = ['inj-usdt', 'atom-usdt', 'inj-usdt-perp'].map((m, i) => batchIntent(`i${i}`, [marketPlan(m, 1)]));
      expect(triageIntents(base(pending)).runnable.map((r) => r.intent.id)).toEqual(['i0', 'i1', 'i2']);
    });
  });
});
