import { gatePlanning, type PlanningGateInput } from './planning.gate';

const NOW = 1_700_000_000_000;

function input(overrides: Partial<PlanningGateInput> = {}): PlanningGateInput {
  return {
    desired: 'running',
    fees: undefined,
    reference: { ts: NOW - 1000 },
    status: { reference: { state: 'fresh', ageMs: 1000 } },
    bookTs: NOW - 500,
    accountKnown: true,
    nowMs: NOW,
    referenceMaxAgeMs: 15_000,
    bookMaxAgeMs: 10_000,
    ...overrides,
  };
}

const reasonOf = (overrides: Partial<PlanningGateInput>) => {
  const decision = gatePlanning(input(overrides));
  return decision.plan ? 'plan' : decision.reason;
};

describe('gatePlanning', () => {
  it('plans a running bot with a fresh reference, a fresh book and a known account', () => {
    expect(gatePlanning(input())).toEqual({ plan: true });
  });

  describe("when the wallet's fee budget is spent", () => {
    const today = new Date(NOW).toISOString().slice(0, 10);
    const fees = (state: 'normal' | 'slow' | 'paused', day = today) => ({ day, budget: { dailyInj: '5', slowAtPct: 80, state, reason: state === 'normal' ? null : `budget ${state}` } });

    it('skips the bot as budget-paused with the executor\'s reason, after its desired state', () => {
      expect(gatePlanning(input({ fees: fees('paused') }))).toEqual({ plan: false, reason: 'budget-paused', detail: 'budget paused' });
      expect(reasonOf({ fees: fees('paused'), desired: 'stopped' })).toBe('bot-stopped');
    });

    it('plans while slow or normal, and once the stored day is over (the budget resets at 00:00 UTC)', () => {
      expect(reasonOf({ fees: fees('slow') })).toBe('plan');
      expect(reasonOf({ fees: fees('normal') })).toBe('plan');
      expect(reasonOf({ fees: fees('paused', '2000-01-01') })).toBe('plan');
    });
  });

  describe('when the bot is not running', () => {
    it('skips a stopped bot as bot-stopped', () => {
      expect(reasonOf({ desired: 'stopped' })).toBe('bot-stopped');
    });

    it('skips a paused bot as bot-paused', () => {
      expect(reasonOf({ desired: 'paused' })).toBe('bot-paused');
    });

    it('names the desired state before any market-data problem', () => {
      expect(reasonOf({ desired: 'stopped', reference: undefined, accountKnown: false })).toBe('bot-stopped');
    });
  });

  describe('when the reference is not usable', () => {
    it('skips when no reference was ever seen (reference-missing)', () => {
      expect(reasonOf({ reference: undefined })).toBe('reference-missing');
    });

    it('skips when the feed reports the reference side stale (feed-stale)', () => {
      expect(reasonOf({ status: { reference: { state: 'stale', ageMs: 20_000, reason: 'no update' } } })).toBe('feed-stale');
    });

    it('skips when the feed reports the reference side down (feed-down), with its reason in the detail', () => {
      const decision = gatePlanning(input({ status: { reference: { state: 'down', ageMs: null, reason: 'source failing: 503' } } }));
      expect(decision).toEqual({ plan: false, reason: 'feed-down', detail: 'feed reports the reference down: source failing: 503' });
    });

    it('still plans when the feed only reports the reference degraded and the tick is young', () => {
      expect(reasonOf({ status: { reference: { state: 'degraded', ageMs: 800, reason: 'rejected' } } })).toBe('plan');
    });

    it('plans without any feed status when the tick is young', () => {
      expect(reasonOf({ status: undefined })).toBe('plan');
    });

    it('skips a tick older than the maximum age (reference-stale)', () => {
      expect(reasonOf({ reference: { ts: NOW - 15_001 } })).toBe('reference-stale');
    });

    it('accepts a tick exactly at the maximum age', () => {
      expect(reasonOf({ reference: { ts: NOW - 15_000 } })).toBe('plan');
    });

    it('accepts a tick stamped slightly in the future (clock skew between hosts)', () => {
      expect(reasonOf({ reference: { ts: NOW + 200 } })).toBe('plan');
    });

    it('skips a tick from beyond the clock-skew tolerance: a negative age is invalid, never fresh (reference-stale)', () => {
      expect(reasonOf({ reference: { ts: NOW + 86_400_000 } })).toBe('reference-stale');
    });
  });

  describe('when the book or the account is not usable', () => {
    it('skips a book older than its maximum age (book-stale)', () => {
      expect(reasonOf({ bookTs: NOW - 10_001 })).toBe('book-stale');
    });

    it('skips a book from the future (book-stale)', () => {
      expect(reasonOf({ bookTs: NOW + 86_400_000 })).toBe('book-stale');
    });

    it('skips while the executor has not stored the account (account-unknown)', () => {
      expect(reasonOf({ accountKnown: false })).toBe('account-unknown');
    });
  });
});
