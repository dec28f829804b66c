import { Inject, Injectable } from '@nestjs/common';
import type { PollPlan } from '../budget/poll-budget.calculator';
import { INITIAL_BOOK_LEVELS } from '../publishing/book-depth.planner';
import { FEED_SETTINGS, type FeedMarket, type FeedSettings } from '../settings/feed.settings';
import { INITIAL_SIDE_HEALTH, type SideHealth } from '../status/side-status.evaluator';
import { INITIAL_HEIGHT_GUARD, type HeightGuardState } from '../validation/height.guard';

/** What the feed polls of a pair: the reference price, the trading book and the reference book. */
export type FeedSide = 'reference' | 'book' | 'refBook';

/** The sides that are order books. */
export type BookSide = Extract<FeedSide, 'book' | 'refBook'>;

/** What the feed tracks about one side of one market while it runs. */
export interface SideRuntime {
  health: SideHealth;
  heights: HeightGuardState;
  /** a read of this side is in flight */
  busy: boolean;
}

/** What the feed tracks about one market while it runs. */
export interface MarketRuntime {
  readonly market: FeedMarket;
  readonly reference: SideRuntime;
  readonly book: SideRuntime;
  readonly refBook: SideRuntime;
  /** levels a side to ask each book source for (grows until the book reaches its depth band) */
  readonly levels: Record<BookSide, number>;
}

/** The feed's in-memory state: per market and side, plus the cadence in force. */
@Injectable()
export class FeedStateStore {
  /** when polling started, ms since epoch (construction time until then) */
  startedAt = Date.now();
  /** the cadence in force; set when polling starts */
  plan: PollPlan | undefined;
  private readonly markets = new Map<string, MarketRuntime>();

  constructor(@Inject(FEED_SETTINGS) settings: FeedSettings) {
    for (const market of settings.markets) {
      const levels = { book: INITIAL_BOOK_LEVELS, refBook: INITIAL_BOOK_LEVELS };
      this.markets.set(market.key, { market, reference: side(), book: side(), refBook: side(), levels });
    }
  }

  /** Polling starts now with `plan`. */
  begin(plan: PollPlan, now = Date.now()): void {
    this.plan = plan;
    this.startedAt = now;
  }

  all(): MarketRuntime[] {
    return [...this.markets.values()];
  }

  get(key: string): MarketRuntime | undefined {
    return this.markets.get(key);
  }
}

function side(): SideRuntime {
  return { health: INITIAL_SIDE_HEALTH, heights: INITIAL_HEIGHT_GUARD, busy: false };
}
