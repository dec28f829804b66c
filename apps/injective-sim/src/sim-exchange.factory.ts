import { catalogMarkets } from '@mirrorbook/market';
import { SimExchange } from './exchange/sim-exchange';
import { loadCandleFiles } from './price/candle.loader';
import type { SimConfig } from './sim.config';

/**
 * The exchange module for a config: every market of the bundled catalog (mainnet and testnet
 * instances), the exchange settings, and the candle files its replay pairs name (read here, once).
 */
export function createSimExchange(config: SimConfig): SimExchange {
  const { mainnet, testnet } = catalogMarkets();
  const { exchange } = config;
  // every candle file the config names; a pair may take its mode or its file from the defaults
  const replayFiles = [exchange.defaults.price.replay?.file, ...Object.values(exchange.pairs).map((p) => p.price?.replay?.file)].filter(
    (file): file is string => file !== undefined,
  );
  return new SimExchange({
    markets: [...mainnet, ...testnet],
    config: exchange,
    seed: config.seed,
    candles: replayFiles.length > 0 ? loadCandleFiles(replayFiles) : undefined,
  });
}
