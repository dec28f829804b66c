import { Dec, type Market } from '@mirrorbook/market';

// Test helper (not exported from the lib): testnet INJ/USDT spot and perp in human units, from
// libs/market/catalog/injective-markets.json (docs/injective.md#markets-and-units).

export const SPOT_INJ_USDT: Market = Object.freeze({
  id: '0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe',
  network: 'testnet',
  type: 'spot',
  status: 'active',
  ticker: 'INJ/USDT',
  baseSymbol: 'INJ',
  quoteSymbol: 'USDT',
  baseDenom: 'inj',
  quoteDenom: 'peggy0x87aB3B4C8661e07D6372361211B96ed4Dc36B1B5',
  baseDecimals: 18,
  quoteDecimals: 6,
  priceTick: new Dec('0.001'),
  quantityTick: new Dec('0.001'),
  minNotional: new Dec('0'),
  makerFeeRate: new Dec('-0.0001'),
  takerFeeRate: new Dec('0.001'),
  initialMarginRatio: null,
  maintenanceMarginRatio: null,
  isPerpetual: false,
});

export const PERP_INJ_USDT: Market = Object.freeze({
  id: '0x17ef48032cb24375ba7c2e39f384e56433bcab20cbee9a7357e4cba2eb00abe6',
  network: 'testnet',
  type: 'derivative',
  status: 'active',
  ticker: 'INJ/USDT PERP',
  baseSymbol: 'INJ',
  quoteSymbol: 'USDT',
  baseDenom: null,
  quoteDenom: 'peggy0x87aB3B4C8661e07D6372361211B96ed4Dc36B1B5',
  baseDecimals: 0,
  quoteDecimals: 6,
  priceTick: new Dec('0.0001'),
  quantityTick: new Dec('0.0001'),
  minNotional: new Dec('0.000000000001'),
  makerFeeRate: new Dec('-0.0001'),
  takerFeeRate: new Dec('0.0005'),
  initialMarginRatio: new Dec('0.083333'),
  maintenanceMarginRatio: new Dec('0.06'),
  isPerpetual: true,
});
