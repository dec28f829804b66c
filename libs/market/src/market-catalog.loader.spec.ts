import catalog from '../catalog/injective-markets.json';
import { catalogMarkets, MarketMetadataError, toDecimalString } from '@mirrorbook/market';
import { loadMarketCatalog } from './market-catalog.loader';

/** A deep copy of the bundled file that a test may damage. */
function copyOfCatalog(): typeof catalog {
  return structuredClone(catalog);
}

function metadataError(run: () => unknown): MarketMetadataError {
  try {
    run();
  } catch (error) {
    if (error instanceof MarketMetadataError) return error;
    throw error;
  }
  throw new Error('expected a MarketMetadataError');
}

describe('loadMarketCatalog', () => {
  describe('when given the bundled file', () => {
    const markets = loadMarketCatalog(catalog);

    it('returns every market of each network, spot before derivative, in file order', () => {
      expect(markets.mainnet.map((m) => `${m.type} ${m.ticker}`)).toEqual([
        'spot INJ/USDT',
        'spot TIA/USDT',
        'spot ATOM/USDT',
        'spot stINJ/INJ',
        'derivative INJ/USDT PERP',
        'derivative BTC/USDT PERP',
        'derivative ETH/USDT PERP',
        'derivative TIA/USDT PERP',
      ]);
      expect(markets.testnet.map((m) => `${m.type} ${m.ticker}`)).toEqual([
        'spot INJ/USDT',
        'spot ATOM/USDT',
        'spot stINJ/INJ',
        'derivative INJ/USDT PERP',
        'derivative BTC/USDT PERP',
        'derivative ETH/USDT PERP',
      ]);
    });

    it('labels each market with the network of its section', () => {
      expect(new Set(markets.mainnet.map((m) => m.network))).toEqual(new Set(['mainnet']));
      expect(new Set(markets.testnet.map((m) => m.network))).toEqual(new Set(['testnet']));
    });

    it('gives the same pair different ids and ticks on each network', () => {
      const mainnet = markets.mainnet.find((m) => m.ticker === 'BTC/USDT PERP')!;
      const testnet = markets.testnet.find((m) => m.ticker === 'BTC/USDT PERP')!;
      expect(mainnet.id).not.toBe(testnet.id);
      expect([toDecimalString(mainnet.priceTick), toDecimalString(mainnet.quantityTick)]).toEqual(['1', '0.0001']);
      expect([toDecimalString(testnet.priceTick), toDecimalString(testnet.quantityTick)]).toEqual(['0.01', '0.01']);
    });

    it('freezes the lists', () => {
      expect(Object.isFrozen(markets.mainnet)).toBe(true);
      expect(Object.isFrozen(markets.testnet)).toBe(true);
    });
  });

  describe('when the file is damaged', () => {
    it('reports the full path of a bad field', () => {
      const json = copyOfCatalog();
      json.testnet.spot[1]!.min_notional = '-1';
      const error = metadataError(() => loadMarketCatalog(json));
      expect(error.code).toBe('INVALID_FIELD');
      expect(error.path).toBe('testnet.spot[1].min_notional');
    });

    it('refuses a spot entry in the derivative section', () => {
      const json = copyOfCatalog();
      (json.mainnet.derivative as unknown[]).push(json.mainnet.spot[0]);
      expect(metadataError(() => loadMarketCatalog(json)).path).toMatch(/^mainnet\.derivative\[4\]\./);
    });

    it('refuses a section carrying the other network', () => {
      const json = copyOfCatalog();
      json.testnet.chain_id = 'injective-1';
      const error = metadataError(() => loadMarketCatalog(json));
      expect(error.code).toBe('NETWORK_MISMATCH');
      expect(error.path).toBe('testnet.chain_id');
    });

    it('refuses the same market id twice in one network', () => {
      const json = copyOfCatalog();
      json.mainnet.spot[1]!.market_id = json.mainnet.spot[0]!.market_id.toUpperCase().replace('0X', '0x');
      const error = metadataError(() => loadMarketCatalog(json));
      expect(error.code).toBe('DUPLICATE_MARKET');
      expect(error.path).toBe('mainnet.spot[1].market_id');
    });

    it('refuses a file without a network section', () => {
      const { testnet: _, ...json } = copyOfCatalog();
      expect(metadataError(() => loadMarketCatalog(json)).path).toBe('testnet');
    });
  });
});

describe('catalogMarkets', () => {
  it('returns the normalized bundled file', () => {
    const markets = catalogMarkets();
    expect(markets.mainnet).toHaveLength(8);
    expect(markets.testnet).toHaveLength(6);
    expect(markets.testnet[0]).toEqual(loadMarketCatalog(catalog).testnet[0]);
  });

  it('normalizes once and shares the result', () => {
    expect(catalogMarkets()).toBe(catalogMarkets());
  });
});
