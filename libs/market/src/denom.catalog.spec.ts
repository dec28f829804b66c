import { catalogMarkets } from './market-catalog.loader';
import type { Market } from './market.model';
import { decimalsByDenom, denomCatalog } from './denom.catalog';

describe('denomCatalog', () => {
  const { mainnet, testnet } = catalogMarkets();
  const catalog = denomCatalog([...testnet, ...mainnet]);
  const usdt = testnet.find((m) => m.ticker === 'INJ/USDT')!.quoteDenom;

  it('knows INJ with 18 decimals', () => {
    expect(catalog.get('inj')).toEqual({ symbol: 'INJ', decimals: 18 });
  });

  it('knows the quote denom of testnet INJ/USDT as USDT with 6 decimals', () => {
    expect(catalog.get(usdt)).toEqual({ symbol: 'USDT', decimals: 6 });
  });

  it('names no base denom for a derivative market', () => {
    const perp = testnet.find((m) => m.type === 'derivative')!;
    expect([...denomCatalog([perp]).keys()]).toEqual(['inj', perp.quoteDenom]);
  });

  describe('when two markets name one denom differently', () => {
    const spot = testnet.find((m) => m.ticker === 'INJ/USDT')!;
    const renamed: Market = { ...spot, baseSymbol: 'WINJ', quoteSymbol: 'USDX', quoteDecimals: 8 };

    it('keeps the first entry by default, the fee denom before any market', () => {
      const kept = denomCatalog([spot, renamed]);
      expect([kept.get('inj'), kept.get(usdt)]).toEqual([{ symbol: 'INJ', decimals: 18 }, { symbol: 'USDT', decimals: 6 }]);
    });

    it("takes the last market's with keep: 'last', the fee denom's too", () => {
      const last = denomCatalog([spot, renamed], { keep: 'last' });
      expect([last.get('inj'), last.get(usdt)]).toEqual([{ symbol: 'WINJ', decimals: 18 }, { symbol: 'USDX', decimals: 8 }]);
    });
  });

  it('enters a given fee denom with 18 decimals and its name in capitals', () => {
    expect(denomCatalog([], { feeDenom: 'uatom' }).get('uatom')).toEqual({ symbol: 'UATOM', decimals: 18 });
  });
});

describe('decimalsByDenom', () => {
  it('gives the decimals of every denom of the catalog', () => {
    expect(decimalsByDenom(denomCatalog([]))).toEqual({ inj: 18 });
  });
});
