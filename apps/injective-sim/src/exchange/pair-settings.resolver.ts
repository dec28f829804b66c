import type { PairSimSettings, SimExchangeConfig } from './sim-exchange.config';

/**
 * The effective settings of the pair named by `ticker`: `defaults` with the matching `pairs`
 * entry laid over it.
 */
export function pairSettings(config: SimExchangeConfig, ticker: string): PairSimSettings {
  const wanted = pairKey(ticker);
  const override = Object.entries(config.pairs).find(([key]) => pairKey(key) === wanted)?.[1];
  if (!override) return config.defaults;
  return {
    price: { ...config.defaults.price, ...defined(override.price) },
    depth: { ...config.defaults.depth, ...defined(override.depth) },
    takers: { ...config.defaults.takers, ...defined(override.takers) },
    testnetInitial: override.testnetInitial ?? config.defaults.testnetInitial,
    oracle: { ...config.defaults.oracle, ...defined(override.oracle) },
  };
}

/** `INJ/USDT PERP` and `inj-usdt-perp` both become `inj-usdt-perp`. */
function pairKey(name: string): string {
  return name.trim().toLowerCase().replace(/[\s/]+/g, '-');
}

function defined<T extends object>(partial: T | undefined): Partial<T> {
  if (!partial) return {};
  return Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<T>;
}
