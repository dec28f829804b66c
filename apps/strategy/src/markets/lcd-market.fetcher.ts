import type { Env } from '@mirrorbook/config';
import type { MarketFetcher } from './market.catalog';

/**
 * A `MarketFetcher` reading the trading side's LCD of NETWORK (on testnet: TESTNET_LCD_URL or the
 * SDK's default). The venue adapter is loaded here, on demand: it brings the Injective SDK (~90 MB
 * of RSS), which a worker on the simulator never needs.
 */
export async function lcdMarketFetcher(env: Pick<Env, 'NETWORK' | 'SIM_LCD_URL' | 'TESTNET_LCD_URL' | 'MAINNET_LCD_URL'>): Promise<MarketFetcher> {
  const { LcdClient, lcdUrlsFromEnv, networkSides } = await import('@mirrorbook/injective');
  const trading = networkSides(env.NETWORK, lcdUrlsFromEnv(env)).trading;
  const lcd = new LcdClient({ baseUrl: trading.config.lcdUrl });
  return (pair) => {
    const id = trading.marketId(pair);
    return pair.type === 'spot' ? lcd.getSpotMarket(id, trading.marketNetwork) : lcd.getDerivativeMarket(id, trading.marketNetwork);
  };
}
