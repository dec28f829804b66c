import { z } from 'zod';
import type { MarketStatus } from './market.model';
import {
  checkMarginOrder,
  decimalsField,
  fractionField,
  marketIdField,
  nonEmptyField,
  nonNegativeDecimalField,
  positiveDecimalField,
  signedDecimalField,
} from './metadata-field.schema';

// One market entry of catalog/injective-markets.json: InjectiveLabs/injective-lists metadata in
// exchange-v1 "chain format" (see the file's `units` block). Unknown keys (oracle, source
// literals, cross checks) are dropped.

const marketStatus = z.enum(['active', 'paused', 'suspended', 'demolished', 'expired'] as const satisfies readonly MarketStatus[]);

const common = {
  market_id: marketIdField,
  ticker: nonEmptyField,
  market_status: marketStatus,
  quote_denom: nonEmptyField,
  quote_symbol: nonEmptyField,
  quote_decimals: decimalsField,
  /** fraction of notional; negative = rebate */
  maker_fee_rate: signedDecimalField,
  /** fraction of notional */
  taker_fee_rate: nonNegativeDecimalField,
  /** chain format, see `units` */
  min_price_tick_size: positiveDecimalField,
  /** chain format, see `units` */
  min_quantity_tick_size: positiveDecimalField,
  /** chain format: quote base units */
  min_notional: nonNegativeDecimalField,
  tick_format: z.literal('chain'),
};

export const rawCatalogSpotMarketSchema = z.object({
  ...common,
  base_denom: nonEmptyField,
  base_symbol: nonEmptyField,
  base_decimals: decimalsField,
});

export const rawCatalogDerivativeMarketSchema = z
  .object({
    ...common,
    is_perpetual: z.boolean(),
    /** derivatives have no base asset; the file writes null */
    base_decimals: z.null().optional(),
    initial_margin_ratio: fractionField,
    maintenance_margin_ratio: fractionField,
  })
  .superRefine((m, ctx) =>
    checkMarginOrder(ctx, m.initial_margin_ratio, m.maintenance_margin_ratio, ['maintenance_margin_ratio']),
  );

export type RawCatalogSpotMarket = z.infer<typeof rawCatalogSpotMarketSchema>;
export type RawCatalogDerivativeMarket = z.infer<typeof rawCatalogDerivativeMarketSchema>;
