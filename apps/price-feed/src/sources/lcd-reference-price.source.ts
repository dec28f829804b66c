import type { LcdHost } from '../lcd/lcd-host.pool';
import type { FeedMarket } from '../settings/feed.settings';
import { markPriceResponseSchema } from './mark-price.schema';
import type { ReferencePriceSource, ReferenceReading } from './reference-price.source';
import { allSettledOrThrow } from './settled.join';

/**
 * Reference prices from a chain LCD: the top of book (`mid_price_and_tob`, one request) and, for
 * markets whose source is `mark`, the derivative market's mark price (a second request).
 */
export class LcdReferencePriceSource implements ReferencePriceSource {
  readonly host: string;

  constructor(private readonly lcd: LcdHost) {
    this.host = lcd.host;
  }

  requestsPerRead(market: FeedMarket): number {
    return market.referenceSource === 'mark' ? 2 : 1;
  }

  async read(market: FeedMarket, signal?: AbortSignal): Promise<ReferenceReading> {
    const height = await this.lcd.heights.current();
    const id = market.referenceMarketId;
    const { client } = this.lcd;
    const [tob, mark] = await allSettledOrThrow([
      market.type === 'spot' ? client.getSpotMidPriceAndTob(id, { signal }) : client.getDerivativeMidPriceAndTob(id, { signal }),
      market.referenceSource === 'mark'
        ? client.getJson(`/injective/exchange/v2/derivative/markets/${encodeURIComponent(id)}`, markPriceResponseSchema, { signal })
        : Promise.resolve(null),
    ]);
    return { bid: tob.bestBuyPrice, ask: tob.bestSellPrice, mark, height };
  }
}
