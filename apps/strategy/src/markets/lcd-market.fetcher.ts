import type { Env } from '@mirrorbook/config';
import type { MarketFetcher } from './market.catalog';

/**
 * A `MarketFetcher` reading Injective testnet's LCD (TESTNET_LCD_URL or the SDK's default). The
 * venue adapter is loaded here, on demand: it brings the Injective SDK (~90 MB of RSS), which a
 * worker on the simulator never needs.
 */
export async function lcdMarketFetcher(env: Pick<Env, 'TESTNET_LCD_URL'>): Promise<MarketFetcher> {
  const { LcdClient, networkConfig } = await import('@mirrorbook/injective');
  const lcd = new LcdClient({ baseUrl: networkConfig('testnet', { lcdUrl: env.TESTNET_LCD_URL }).lcdUrl });
  return (pair) =>
    pair.type === 'spot' ? lcd.getSpotMarket(pair.testnetMarketId, 'testnet') : lcd.getDerivativeMarket(pair.testnetMarketId, 'testnet');
}
