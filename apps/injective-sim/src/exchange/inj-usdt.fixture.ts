import type { Market } from '@mirrorbook/market';
import { injUsdtMarkets as catalogInjUsdt } from '@mirrorbook/testing';

/** Test support: the real INJ/USDT spot and INJ/USDT PERP markets of both networks, from the market catalog (libs/testing). */
export function injUsdtMarkets(): {
  spotMainnet: Market;
  spotTestnet: Market;
  perpMainnet: Market;
  perpTestnet: Market;
  all: Market[];
} {
  const mainnet = catalogInjUsdt('mainnet');
  const testnet = catalogInjUsdt('testnet');
  const [spotMainnet, spotTestnet, perpMainnet, perpTestnet] = [mainnet.spot, testnet.spot, mainnet.perp, testnet.perp];
  return { spotMainnet, spotTestnet, perpMainnet, perpTestnet, all: [spotMainnet, spotTestnet, perpMainnet, perpTestnet] };
}
