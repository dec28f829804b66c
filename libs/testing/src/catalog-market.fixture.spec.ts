import { catalogMarkets } from '@mirrorbook/market';
import { catalogMarket, catalogPairs, catalogTestnetDenoms, injUsdtMarkets } from './catalog-market.fixture';
import { repoConfigPairs } from './config-dir.fixture';

describe('the catalog market fixture', () => {
  it("finds the markets config/markets.json's inj-usdt pairs name", () => {
    const [spot, perp] = repoConfigPairs(['inj-usdt', 'inj-usdt-perp']);
    const testnet = injUsdtMarkets();
    const mainnet = injUsdtMarkets('mainnet');
    expect([testnet.spot.id, testnet.perp.id, mainnet.spot.id, mainnet.perp.id]).toEqual([
      spot!.testnetMarketId,
      perp!.testnetMarketId,
      spot!.mainnetMarketId,
      perp!.mainnetMarketId,
    ]);
    expect([testnet.spot.type, testnet.perp.type, testnet.spot.network, mainnet.perp.network]).toEqual(['spot', 'derivative', 'testnet', 'mainnet']);
  });

  it('refuses a ticker the catalog does not list', () => {
    expect(() => catalogMarket('INJ/USDX')).toThrow('the market catalog has no testnet INJ/USDX');
  });

  it('lists every testnet denom once, inj first', () => {
    const denoms = catalogTestnetDenoms();
    expect(denoms[0]).toBe('inj');
    expect(new Set(denoms).size).toBe(denoms.length);
    expect(denoms).toContain(injUsdtMarkets().spot.quoteDenom);
  });

  it('generates pairs with distinct keys, each a mainnet and a testnet market of one ticker', () => {
    const { mainnet, testnet } = catalogMarkets();
    const pairs = catalogPairs(20);
    expect(new Set(pairs.map((p) => p.key)).size).toBe(20);
    for (const p of pairs) {
      const t = testnet.find((m) => m.id === p.testnetMarketId)!;
      const m = mainnet.find((x) => x.id === p.mainnetMarketId)!;
      expect([m.ticker, m.type, p.type]).toEqual([t.ticker, t.type, t.type]);
    }
  });
});
