import { catalogMarkets } from '@mirrorbook/market';
import { SimExchange } from './exchange/sim-exchange';
import { loadCandleFiles } from './price/candle.loader';
import type { Candle } from './price/candle.parser';
import type { SimConfig } from './sim.config';

/** Parsed candle files keyed by the path the config names. */
export type ReplayCandles = ReadonlyMap<string, readonly Candle[]>;

/**
 * Reads every candle file the config's replay pairs name (a pair may take its mode or its file
 * from the defaults); an empty map when none replays. Throws `CandleParseError` for a bad file.
 */
export function loadReplayCandles(config: SimConfig): ReplayCandles {
  const { exchange } = config;
  const files = [exchange.defaults.price.replay?.file, ...Object.values(exchange.pairs).map((p) => p.price?.replay?.file)].filter(
    (file): file is string => file !== undefined,
  );
  return loadCandleFiles(files);
}

/**
 * The exchange module for a config: every market of the bundled catalog (mainnet and testnet
 * instances), the exchange settings, and the candle files its replay pairs name (`candles` when
 * the caller read them already, as main.ts does to refuse a bad file before starting).
 */
export function createSimExchange(config: SimConfig, candles: ReplayCandles = loadReplayCandles(config)): SimExchange {
  const { mainnet, testnet } = catalogMarkets();
  return new SimExchange({
    markets: [...mainnet, ...testnet],
    config: config.exchange,
    seed: config.seed,
    candles: candles.size > 0 ? candles : undefined,
  });
}
