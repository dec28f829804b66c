import type { BookLevel } from '@mirrorbook/injective';
import type { FeedMarket } from '../settings/feed.settings';

/** One read of an order book, before validation; human units, best level first on each side. */
export interface BookReading {
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
  /** latest block height known when the read started */
  readonly height: number;
}

/** Where order books come from: the trading (testnet-side) book, or the reference (mainnet-side) one. */
export interface BookSource {
  /** `host:port` the source reads from; requests to one host share one budget */
  readonly host: string;
  /** requests one `read` costs on `host` */
  requestsPerRead(market: FeedMarket): number;
  /** reads up to `levels` aggregated levels a side; throws the venue adapter's typed errors */
  read(market: FeedMarket, levels: number, signal?: AbortSignal): Promise<BookReading>;
}
