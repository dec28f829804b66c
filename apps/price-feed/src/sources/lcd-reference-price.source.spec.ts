import Decimal from 'decimal.js';
import type { LcdHost } from '../lcd/lcd-host.pool';
import type { FeedMarket } from '../settings/feed.settings';
import { LcdReferencePriceSource } from './lcd-reference-price.source';

const PERP = { type: 'derivative', referenceMarketId: '0xperp', referenceSource: 'mark' } as unknown as FeedMarket;

/** An LCD host whose top-of-book read answers when `answerTob` is called and whose mark read fails at once. */
function hostWithSlowTobAndFailingMark() {
  let answerTob!: () => void;
  const tob = new Promise((resolve) => (answerTob = () => resolve({ bestBuyPrice: new Decimal('24.9'), bestSellPrice: new Decimal('25.1') })));
  const client = {
    getDerivativeMidPriceAndTob: () => tob,
    getJson: () => Promise.reject(new Error('rate limiter closed')),
  };
  const host = { host: 'lcd:1317', client, heights: { current: async () => 7 } } as unknown as LcdHost;
  return { host, answerTob };
}

describe('LcdReferencePriceSource', () => {
  it('settles a mark-price read only once both of its requests have (shutdown waits for reads on the wire)', async () => {
    const { host, answerTob } = hostWithSlowTobAndFailingMark();
    let settled = false;
    const read = new LcdReferencePriceSource(host)
      .read(PERP)
      .catch((error: Error) => error.message)
      .finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    answerTob();
    await expect(read).resolves.toBe('rate limiter closed');
  });
});
