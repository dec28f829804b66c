import type { MarketPair } from '@mirrorbook/config';
import { catalogMarkets, type Market } from '@mirrorbook/market';
import { MarketCatalog, type MarketFetcher } from './market.catalog';

const fixtureSpot = catalogMarkets().testnet.find((m) => m.ticker === 'INJ/USDT' && m.type === 'spot')!;
const fixturePerp = catalogMarkets().testnet.find((m) => m.ticker === 'INJ/USDT PERP')!;

function pair(key: string, market: Market, overrides: Partial<MarketPair> = {}): MarketPair {
  return {
    key,
    type: market.type,
    mainnetMarketId: `0x${'00'.repeat(32)}`,
    testnetMarketId: market.id,
    referencePrice: 'mid',
    strategy: {},
    enabled: true,
    ...overrides,
  };
}

const PAIRS = [pair('inj-usdt', fixtureSpot), pair('inj-usdt-perp', fixturePerp)];

describe('MarketCatalog', () => {
  let catalog: MarketCatalog | undefined;
  afterEach(() => catalog?.stop());

  describe('without a fetcher (NETWORK=sim)', () => {
    it('takes every enabled pair from the fixture by its testnet market id', async () => {
      catalog = new MarketCatalog(PAIRS, undefined, 60_000);
      await catalog.load().firstRead;
      expect(catalog.get('inj-usdt')).toBe(fixtureSpot);
      expect(catalog.get('inj-usdt-perp')).toBe(fixturePerp);
      expect(catalog.sources()).toEqual({ 'inj-usdt': 'fixture', 'inj-usdt-perp': 'fixture' });
    });

    it('knows nothing of a disabled pair', async () => {
      catalog = new MarketCatalog([pair('inj-usdt', fixtureSpot, { enabled: false })], undefined, 60_000);
      await catalog.load().firstRead;
      expect(catalog.get('inj-usdt')).toBeUndefined();
    });

    it('knows nothing of a pair whose id is not in the fixture, or whose type does not match it', async () => {
      catalog = new MarketCatalog(
        [pair('ghost', fixtureSpot, { testnetMarketId: `0x${'ee'.repeat(32)}` }), pair('odd', fixtureSpot, { type: 'derivative' })],
        undefined,
        60_000,
      );
      await catalog.load().firstRead;
      expect([catalog.get('ghost'), catalog.get('odd')]).toEqual([undefined, undefined]);
    });
  });

  describe('with an LCD fetcher (NETWORK=testnet)', () => {
    it('prefers what the LCD returns', async () => {
      const paused: Market = { ...fixtureSpot, status: 'paused' };
      const fetcher: MarketFetcher = async (p) => (p.type === 'spot' ? paused : fixturePerp);
      catalog = new MarketCatalog(PAIRS, fetcher, 60_000);
      await catalog.load().firstRead;
      expect(catalog.get('inj-usdt')).toBe(paused);
      expect(catalog.sources()).toEqual({ 'inj-usdt': 'lcd', 'inj-usdt-perp': 'lcd' });
    });

    it('serves the fixture before the first LCD read ends, and keeps it when the read fails', async () => {
      let fail!: (e: Error) => void;
      const fetcher: MarketFetcher = () => new Promise<Market>((_, reject) => (fail = reject));
      catalog = new MarketCatalog([PAIRS[0]], fetcher, 60_000);
      const { firstRead } = catalog.load();
      expect(catalog.get('inj-usdt')).toBe(fixtureSpot);
      fail(new Error('LCD unreachable'));
      await firstRead;
      expect(catalog.get('inj-usdt')).toBe(fixtureSpot);
      expect(catalog.sources()).toEqual({ 'inj-usdt': 'fixture' });
    });

    it('refuses metadata whose type contradicts the config', async () => {
      catalog = new MarketCatalog([PAIRS[0]], async () => fixturePerp, 60_000);
      await catalog.load().firstRead;
      expect(catalog.get('inj-usdt')).toBe(fixtureSpot);
    });

    it('reads again after the refresh interval', async () => {
      jest.useFakeTimers();
      try {
        const fetcher = jest.fn<Promise<Market>, [MarketPair]>().mockResolvedValue(fixtureSpot);
        catalog = new MarketCatalog([PAIRS[0]], fetcher, 60_000);
        await catalog.load().firstRead;
        expect(fetcher).toHaveBeenCalledTimes(1);
        await jest.advanceTimersByTimeAsync(60_000);
        expect(fetcher).toHaveBeenCalledTimes(2);
      } finally {
        jest.useRealTimers();
      }
    });
  });
});
