import type { Env } from '@mirrorbook/config';

/** Injection token of the strategy's `StrategySettings`. */
export const STRATEGY_SETTINGS = Symbol('STRATEGY_SETTINGS');

/** What the strategy workers take from the validated environment, with units in the names. */
export interface StrategySettings {
  /**
   * the `<net>` token of the trading books subscribed to (`md.book.<net>.*`): NETWORK itself, the
   * trading side of `networkSides` (libs/injective), which is not imported here because it loads
   * the Injective SDK, which a worker on the simulator never needs
   */
  readonly bookNet: 'sim' | 'testnet';
  /** the `<net>` token of the reference ticks replanned on (`md.price.<net>.*`): mainnet's, or the sim's own */
  readonly referenceNet: 'sim' | 'mainnet';
  /** no intent from a reference tick older than this, ms */
  readonly referenceMaxAgeMs: number;
  /** no intent from a book snapshot older than this when it is taken up, ms */
  readonly bookMaxAgeMs: number;
  /** a bot's next cycle on a market waits this long at most for the report of its last intent, ms (0: never waits) */
  readonly awaitReportMs: number;
  /** book snapshots one worker plans at the same time */
  readonly concurrency: number;
  /** NETWORK=testnet: market metadata is re-read from the LCD this often, ms */
  readonly marketRefreshMs: number;
}

/** The strategy's settings from the validated environment (pure). */
export function strategySettings(env: Env): StrategySettings {
  return {
    bookNet: env.NETWORK,
    referenceNet: env.NETWORK === 'sim' ? 'sim' : 'mainnet',
    referenceMaxAgeMs: env.STRATEGY_REFERENCE_MAX_AGE_MS,
    bookMaxAgeMs: env.STRATEGY_BOOK_MAX_AGE_MS,
    awaitReportMs: env.STRATEGY_AWAIT_REPORT_MS,
    concurrency: env.STRATEGY_CONCURRENCY,
    marketRefreshMs: env.STRATEGY_MARKET_REFRESH_MS,
  };
}
