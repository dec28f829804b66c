import type { LcdHost } from '../lcd/lcd-host.pool';
import type { FeedMarket } from '../settings/feed.settings';
import type { BookReading, BookSource } from './book.source';

/** Books from a chain LCD's aggregated orderbook query (one request per read), of the market id `marketIdOf` picks. */
export class LcdBookSource implements BookSource {
  readonly host: string;

  constructor(
    private readonly lcd: LcdHost,
    private readonly marketIdOf: (market: FeedMarket) => string,
  ) {
    this.host = lcd.host;
  }

  requestsPerRead(): number {
    return 1;
  }

  async read(market: FeedMarket, levels: number, signal?: AbortSignal): Promise<BookReading> {
    const height = await this.lcd.heights.current();
    const id = this.marketIdOf(market);
    const { client } = this.lcd;
    const book =
      market.type === 'spot'
        ? await client.getSpotOrderbook(id, levels, { signal })
        : await client.getDerivativeOrderbook(id, levels, { signal });
    return { bids: book.bids, asks: book.asks, height };
  }
}
