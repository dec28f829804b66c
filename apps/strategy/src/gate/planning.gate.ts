import { payloadAgeMs, type BotRunState, type FeeBudgetState, type FeedStatus, type PriceTick, type StoredFees } from '@mirrorbook/contracts';

/**
 * Why an evaluation (one bot on one book snapshot) ended without an intent; the label of
 * `mirrorbook_strategy_skips_total`. Every evaluation ends in exactly one intent or one skip.
 */
export type SkipReason =
  /** the snapshot's market is not configured, disabled, or has no metadata */
  | 'market-unknown'
  | 'bot-stopped'
  | 'bot-paused'
  /** the wallet's daily fee budget is spent: its book stays, nothing new is quoted until 00:00 UTC */
  | 'budget-paused'
  /** no reference price has been seen for the market */
  | 'reference-missing'
  /** the newest reference tick is older than the configured maximum age, or from the future */
  | 'reference-stale'
  /** the feed reports the reference side stale */
  | 'feed-stale'
  /** the feed reports the reference side down */
  | 'feed-down'
  /** the book snapshot was already too old when a worker took it up, or is from the future */
  | 'book-stale'
  /** the executor has not stored the wallet's balances (spot) or positions (derivatives) yet */
  | 'account-unknown'
  /** the bot was already planned on this market from this book or a newer one */
  | 'superseded'
  /** the executor has not reported yet on the bot's last intent for this market */
  | 'awaiting-report'
  /** the plan is empty: nothing needs to change */
  | 'no-change'
  /** the plan is empty and the next maintenance is not due yet (docs/architecture.md#cadence) */
  | 'not-due'
  /** the strategy core refused the inputs (bad data; logged) */
  | 'invalid-input'
  /** Redis could not be read or written */
  | 'state-unavailable'
  /** the intent could not be published to the INTENTS stream */
  | 'publish-failed';

/** Everything the decision to plan looks at. */
export interface PlanningGateInput {
  readonly desired: BotRunState;
  /** the wallet's fee budget as the executor stored it (`fees:<wallet>`); undefined when not stored */
  readonly fees: Pick<StoredFees, 'day' | 'budget'> | undefined;
  /** the newest reference tick known for the market */
  readonly reference: Pick<PriceTick, 'ts'> | undefined;
  /** the newest feed status known for the market */
  readonly status: Pick<FeedStatus, 'reference'> | undefined;
  /** when the feed read the book, ms since epoch */
  readonly bookTs: number;
  /** false until the executor stored the wallet's balances (spot) or positions (derivatives) */
  readonly accountKnown: boolean;
  /** ms since epoch */
  readonly nowMs: number;
  readonly referenceMaxAgeMs: number;
  readonly bookMaxAgeMs: number;
}

export type PlanningDecision = { readonly plan: true } | { readonly plan: false; readonly reason: SkipReason; readonly detail: string };

const PLAN: PlanningDecision = Object.freeze({ plan: true });

/**
 * Whether to plan a bot on a book snapshot (pure). The bot's desired state comes first, then its
 * wallet's fee budget, then the reference (seen at all, the feed's verdict, then its age), then the book's age, then whether
 * the wallet's account is known; the first failing check names the skip.
 */
export function gatePlanning(input: PlanningGateInput): PlanningDecision {
  if (input.desired !== 'running') {
    return skip(input.desired === 'paused' ? 'bot-paused' : 'bot-stopped', `bot is ${input.desired}`);
  }
  if (feeBudgetStateOf(input.fees, input.nowMs) === 'paused') return skip('budget-paused', input.fees?.budget.reason ?? 'daily fee budget reached');
  if (!input.reference) return skip('reference-missing', 'no reference price seen yet');
  const feed = input.status?.reference.state;
  if (feed === 'down' || feed === 'stale') {
    return skip(feed === 'down' ? 'feed-down' : 'feed-stale', `feed reports the reference ${feed}${reasonOf(input.status)}`);
  }
  // a ts from the future has no valid age (payloadAgeMs): never fresh
  const referenceAge = payloadAgeMs(input.reference.ts, input.nowMs);
  if (referenceAge === undefined) return skip('reference-stale', `reference ts ${input.reference.ts} is from the future (invalid)`);
  if (referenceAge > input.referenceMaxAgeMs) {
    return skip('reference-stale', `reference is ${referenceAge} ms old (max ${input.referenceMaxAgeMs} ms)`);
  }
  const bookAge = payloadAgeMs(input.bookTs, input.nowMs);
  if (bookAge === undefined) return skip('book-stale', `book ts ${input.bookTs} is from the future (invalid)`);
  if (bookAge > input.bookMaxAgeMs) return skip('book-stale', `book is ${bookAge} ms old (max ${input.bookMaxAgeMs} ms)`);
  if (!input.accountKnown) return skip('account-unknown', 'no balances or positions stored for the wallet yet');
  return PLAN;
}

/**
 * The wallet's budget state today: the stored one while it is of the current UTC day, else
 * `normal` (the budget resets at 00:00 UTC, before the executor writes the new day). Pure.
 */
export function feeBudgetStateOf(fees: Pick<StoredFees, 'day' | 'budget'> | undefined, nowMs: number): FeeBudgetState {
  if (!fees || fees.day !== new Date(nowMs).toISOString().slice(0, 10)) return 'normal';
  return fees.budget.state;
}

function skip(reason: SkipReason, detail: string): PlanningDecision {
  return { plan: false, reason, detail };
}

function reasonOf(status: PlanningGateInput['status']): string {
  const reason = status?.reference.reason;
  return reason ? `: ${reason}` : '';
}
