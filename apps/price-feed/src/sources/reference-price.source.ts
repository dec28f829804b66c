import type Decimal from 'decimal.js';
import type { FeedMarket } from '../settings/feed.settings';

/** One read of a reference market, before validation; human units. */
export interface ReferenceReading {
  /** best bid, quote units per base unit; null when the source had none */
  readonly bid: Decimal | null;
  /** best ask, quote units per base unit; null when the source had none */
  readonly ask: Decimal | null;
  /** oracle mark price, quote units per base unit; null unless the market's source is `mark` */
  readonly mark: Decimal | null;
  /** latest block height known when the read started */
  readonly height: number;
}

/** Where reference (mainnet-side) prices come from. */
export interface ReferencePriceSource {
  /** `host:port` the source reads from; requests to one host share one budget */
  readonly host: string;
  /** requests one `read` of `market` costs on `host` */
  requestsPerRead(market: FeedMarket): number;
  /** reads the market's reference prices; throws the venue adapter's typed errors */
  read(market: FeedMarket, signal?: AbortSignal): Promise<ReferenceReading>;
}
