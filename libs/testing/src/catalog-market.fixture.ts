import { catalogMarkets, type Market, type MarketNetwork } from '@mirrorbook/market';
import type { ConfigPair } from './config-dir.fixture';

// Real markets for tests, benches and scripts, read from the bundled market catalog through
// libs/market's loader (never copied by hand).

/** The catalog's market of `network` with this ticker (`INJ/USDT`, `INJ/USDT PERP`, `ATOM/USDT`…). */
export function catalogMarket(ticker: string, network: MarketNetwork = 'testnet'): Market {
  const market = catalogMarkets()[network].find((m) => m.ticker === ticker);
  if (!market) throw new Error(`the market catalog has no ${network} ${ticker}`);
  return market;
}

/** INJ/USDT spot and INJ/USDT PERP of `network`, the markets most tests trade. */
export function injUsdtMarkets(network: MarketNetwork = 'testnet'): { spot: Market; perp: Market } {
  return { spot: catalogMarket('INJ/USDT', network), perp: catalogMarket('INJ/USDT PERP', network) };
}

/** Every denom of the catalog's testnet markets (`inj` first), for genesis balances. */
export function catalogTestnetDenoms(): string[] {
  const denoms = new Set<string>(['inj']);
  for (const m of catalogMarkets().testnet) {
    denoms.add(m.quoteDenom);
    if (m.baseDenom) denoms.add(m.baseDenom);
  }
  return [...denoms];
}

/**
 * `count` market pairs for load runs, reusing the markets the catalog lists on both networks in
 * turn: keys differ (`m0-inj-usdt`, `m1-atom-usdt`…), ids repeat.
 */
export function catalogPairs(count: number): ConfigPair[] {
  const { mainnet, testnet } = catalogMarkets();
  const pairs = testnet.flatMap((t) => {
    const m = mainnet.find((x) => x.type === t.type && x.ticker === t.ticker);
    return m ? [{ t, m }] : [];
  });
  return Array.from({ length: count }, (_, i) => {
    const { t, m } = pairs[i % pairs.length];
    return { key: `m${i}-${t.ticker.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, type: t.type, mainnetMarketId: m.id, testnetMarketId: t.id };
  });
}
