import { Logger } from '@nestjs/common';
import type { MarketPair } from '@mirrorbook/config';
import { catalogMarkets, type Market } from '@mirrorbook/market';

const RETRY_MS = 30_000;

/** Reads a pair's trading (testnet) market metadata from the chain. */
export type MarketFetcher = (pair: MarketPair) => Promise<Market>;

/** Where a market's metadata came from (`fixture`: the bundled catalog of libs/market). */
export type MarketSource = 'lcd' | 'fixture';

/**
 * Trading-side `Market` metadata per configured market key, for the strategy core's ticks. From
 * the bundled catalog (looked up by `testnetMarketId`) when there is no fetcher (NETWORK=sim, whose
 * markets are copies of it); from the LCD otherwise, re-read every `refreshMs` (tick sizes and
 * status can change), keeping the catalog's or the last good read when the LCD fails.
 */
export class MarketCatalog {
  private readonly logger = new Logger(MarketCatalog.name);
  private readonly markets = new Map<string, { market: Market; source: MarketSource }>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(
    private readonly pairs: readonly MarketPair[],
    private readonly fetcher: MarketFetcher | undefined,
    private readonly refreshMs: number,
  ) {}

  /** The trading market of a configured, enabled pair, if its metadata is known. */
  get(marketKey: string): Market | undefined {
    return this.markets.get(marketKey)?.market;
  }

  /** Where each known market's metadata came from, by key. */
  sources(): Record<string, MarketSource> {
    return Object.fromEntries([...this.markets].map(([key, { source }]) => [key, source]));
  }

  /**
   * Takes every enabled pair from the bundled catalog at once; with a fetcher, starts reading the
   * LCD in the background (so a slow or unreachable LCD never delays planning from the catalog)
   * and resolves when that first read ended, well or not.
   */
  load(): { firstRead: Promise<void> } {
    const enabled = this.pairs.filter((p) => p.enabled);
    for (const pair of enabled) {
      const market = fromBundledCatalog(pair);
      if (market) this.markets.set(pair.key, { market, source: 'fixture' });
      else this.logger.warn(`${pair.key}: testnet market ${pair.testnetMarketId} (${pair.type}) is not in the markets fixture`);
    }
    if (!this.fetcher) return { firstRead: Promise.resolve() };
    this.stopped = false;
    return { firstRead: this.refresh(enabled) };
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async refresh(pairs: readonly MarketPair[]): Promise<void> {
    const fetcher = this.fetcher!;
    const failures = await Promise.all(
      pairs.map(async (pair) => {
        try {
          const market = await fetcher(pair);
          if (market.type !== pair.type) throw new Error(`the chain says ${market.type}, config says ${pair.type}`);
          this.markets.set(pair.key, { market, source: 'lcd' });
          return 0;
        } catch (error) {
          const kept = this.markets.get(pair.key);
          const fallback = kept ? `keeping the ${kept.source} metadata` : 'not planned until a read succeeds';
          this.logger.warn(`${pair.key}: market metadata not read from the LCD (${(error as Error).message}); ${fallback}`);
          return 1;
        }
      }),
    );
    if (this.stopped) return;
    // a failed read is retried sooner than the routine refresh
    const delay = failures.some(Boolean) ? Math.min(this.refreshMs, RETRY_MS) : this.refreshMs;
    this.timer = setTimeout(() => void this.refresh(pairs), delay);
    this.timer.unref();
  }
}

function fromBundledCatalog(pair: MarketPair): Market | undefined {
  const id = pair.testnetMarketId.toLowerCase();
  return catalogMarkets().testnet.find((m) => m.id.toLowerCase() === id && m.type === pair.type);
}
