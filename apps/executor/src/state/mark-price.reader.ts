import type Decimal from 'decimal.js';
import type { Market } from '@mirrorbook/market';
import { Logger } from '@nestjs/common';
import type { ChainAccess } from '../chain/chain.access';

interface MarkRead {
  /** null: the market has no mark (nil) */
  readonly mark: Decimal | null;
  /** ms since epoch */
  readonly readAt: number;
}

/**
 * Reads the mark (oracle) price of the wallet's derivative markets on the trading chain for the
 * pre-trade checks (docs/injective.md#derivative-orders-and-margin) and keeps each read for
 * `maxAgeMs`, so the chain is asked about once per block at most. A failed read is not kept: the
 * market is left out of the answer, and the checks refuse its creates.
 */
export class MarkPriceReader {
  private readonly logger = new Logger(MarkPriceReader.name);
  private readonly last = new Map<string, MarkRead>();

  constructor(private readonly chain: Pick<ChainAccess, 'markPrice'>) {}

  /** The mark of every derivative market among `keys` (null = nil); a market whose read failed is absent. */
  async marks(markets: ReadonlyMap<string, Market>, keys: readonly string[], maxAgeMs: number): Promise<ReadonlyMap<string, Decimal | null>> {
    const now = Date.now();
    const marks = new Map<string, Decimal | null>();
    for (const key of new Set(keys)) {
      const market = markets.get(key);
      if (market?.type !== 'derivative') continue;
      const cached = this.last.get(key);
      if (cached && now - cached.readAt <= maxAgeMs) {
        marks.set(key, cached.mark);
        continue;
      }
      try {
        const mark = await this.chain.markPrice(market);
        this.last.set(key, { mark, readAt: Date.now() });
        marks.set(key, mark);
      } catch (error) {
        this.logger.warn(`mark price of ${key} could not be read: ${(error as Error).message}`);
      }
    }
    return marks;
  }

  /** Forgets every kept read. */
  invalidate(): void {
    this.last.clear();
  }
}
