import { Inject, Injectable } from '@nestjs/common';
import type { PollPlan } from '../budget/poll-budget.calculator';
import { INITIAL_BOOK_LEVELS } from '../publishing/book-depth.planner';
import { FEED_SETTINGS, type FeedMarket, type FeedSettings } from '../settings/feed.settings';
import { INITIAL_SIDE_HEALTH, type SideHealth } from '../status/side-status.evaluator';
import { INITIAL_HEIGHT_GUARD, type HeightGuardState } from '../validation/height.guard';

/** The two sides of a pair: the reference price and the trading book. */
export type FeedSide = 'reference' | 'book';

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
  /** levels a side to ask the book source for (grows until the book reaches the depth band) */
  bookLevels: number;
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
      this.markets.set(market.key, { market, reference: side(), book: side(), bookLevels: INITIAL_BOOK_LEVELS });
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
