import { catalogMarkets, type Market } from '@mirrorbook/market';

/** Real testnet market ids (config/markets.json) for specs. */
export const TESTNET_IDS = {
  'inj-usdt': '0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe',
  'atom-usdt': '0x491ee4fae7956dd72b6a97805046ffef65892e1d3254c559c18056a519b2ca15',
  'inj-usdt-perp': '0x17ef48032cb24375ba7c2e39f384e56433bcab20cbee9a7357e4cba2eb00abe6',
} as const;

/** The real testnet metadata of a configured market key (from libs/market's fixture). */
export function testnetMarket(key: keyof typeof TESTNET_IDS): Market {
  const market = catalogMarkets().testnet.find((m) => m.id === TESTNET_IDS[key]);
  if (!market) throw new Error(`no fixture market for ${key}`);
  return market;
}
