import { catalogMarkets, type Market } from '@mirrorbook/market';

/** Test support: the real INJ/USDT spot and INJ/USDT PERP markets of both networks from the bundled fixture. */
export function injUsdtMarkets(): {
  spotMainnet: Market;
  spotTestnet: Market;
  perpMainnet: Market;
  perpTestnet: Market;
  all: Market[];
} {
  const { mainnet, testnet } = catalogMarkets();
  const find = (list: readonly Market[], ticker: string): Market => {
    const market = list.find((m) => m.ticker === ticker);
    if (!market) throw new Error(`fixture has no ${ticker}`);
    return market;
  };
  const spotMainnet = find(mainnet, 'INJ/USDT');
  const spotTestnet = find(testnet, 'INJ/USDT');
  const perpMainnet = find(mainnet, 'INJ/USDT PERP');
  const perpTestnet = find(testnet, 'INJ/USDT PERP');
  return { spotMainnet, spotTestnet, perpMainnet, perpTestnet, all: [spotMainnet, spotTestnet, perpMainnet, perpTestnet] };
}
