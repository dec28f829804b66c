import { chainLcdBudgetPerSecond, type Env } from '@mirrorbook/config';
import { lcdHostLimiter, type RedisService } from '@mirrorbook/redis';
import type { MarketFetcher } from './market.catalog';

/**
 * A `MarketFetcher` reading the trading side's LCD of NETWORK (on testnet: TESTNET_LCD_URL or the
 * SDK's default). The venue adapter is loaded here, on demand: it brings the Injective SDK (~90 MB
 * of RSS), which a worker on the simulator never needs. Its requests take the host's machine-wide
 * budget (the Redis bucket every process shares).
 */
export async function lcdMarketFetcher(
  env: Pick<Env, 'NETWORK' | 'SIM_LCD_URL' | 'TESTNET_LCD_URL' | 'MAINNET_LCD_URL' | 'CHAIN_LCD_LIMIT_PER_IP' | 'RATE_LIMIT_SHARE'>,
  redis: RedisService,
): Promise<MarketFetcher> {
  const { LcdClient, lcdUrlsFromEnv, networkSides, RateLimiter } = await import('@mirrorbook/injective');
  const trading = networkSides(env.NETWORK, lcdUrlsFromEnv(env)).trading;
  const budget = chainLcdBudgetPerSecond(env);
  const baseUrl = trading.config.lcdUrl;
  const lcd = new LcdClient({ baseUrl, rateLimiter: lcdHostLimiter(redis, baseUrl, budget, new RateLimiter({ ratePerSecond: budget })) });
  return (pair) => {
    const id = trading.marketId(pair);
    return pair.type === 'spot' ? lcd.getSpotMarket(id, trading.marketNetwork) : lcd.getDerivativeMarket(id, trading.marketNetwork);
  };
}
