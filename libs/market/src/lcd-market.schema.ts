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

// Replies of the chain LCD, exchange v2 (injective-core proto/injective/exchange/v2/market.proto):
//   GET /injective/exchange/v2/spot/markets/{id}       → { market: SpotMarket }
//   GET /injective/exchange/v2/derivative/markets/{id} → { market: { market: DerivativeMarket,
//                                                          perpetual_info | futures_info, mark_price, … } }
// v2 values are human-readable LegacyDec strings with 18 decimals ("0.001000000000000000").
// Unknown keys are dropped.

const STATUS_BY_NAME: Record<string, MarketStatus> = {
  active: 'active',
  paused: 'paused',
  demolished: 'demolished',
  expired: 'expired',
};
// proto enum numbers, in case a gateway renders enums as integers
const STATUS_BY_NUMBER: Record<number, MarketStatus> = { 1: 'active', 2: 'paused', 3: 'demolished', 4: 'expired' };

const lcdStatusField = z.union([z.string(), z.number()]).transform((value, ctx): MarketStatus => {
  const status = typeof value === 'number' ? STATUS_BY_NUMBER[value] : STATUS_BY_NAME[value.toLowerCase()];
  if (status) return status;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: `unknown market status ${JSON.stringify(value)}` });
  return z.NEVER;
});

// uint32 renders as a JSON number; accept a digit string too, as some gateways quote integers
const lcdDecimalsField = z
  .union([decimalsField, z.string().regex(/^\d{1,2}$/, 'must be a whole number of decimals')])
  .transform(Number)
  .pipe(decimalsField);

const common = {
  ticker: nonEmptyField,
  quote_denom: nonEmptyField,
  market_id: marketIdField,
  /** fraction of notional; negative = rebate */
  maker_fee_rate: signedDecimalField,
  /** fraction of notional */
  taker_fee_rate: nonNegativeDecimalField,
  status: lcdStatusField,
  /** human: quote units per base unit */
  min_price_tick_size: positiveDecimalField,
  /** human: base units (contracts) */
  min_quantity_tick_size: positiveDecimalField,
  /** human: quote units */
  min_notional: nonNegativeDecimalField,
  quote_decimals: lcdDecimalsField,
};

export const lcdSpotMarketSchema = z.object({
  ...common,
  base_denom: nonEmptyField,
  base_decimals: lcdDecimalsField,
});

export const lcdDerivativeMarketSchema = z.object({
  ...common,
  initial_margin_ratio: fractionField,
  maintenance_margin_ratio: fractionField,
  /** proto field `isPerpetual` (camel case in injective-core's proto; the JSON keeps proto names) */
  isPerpetual: z.boolean().optional(),
});

/** `GET /injective/exchange/v2/spot/markets/{id}` */
export const lcdSpotMarketResponseSchema = z.object({ market: lcdSpotMarketSchema });

/** `GET /injective/exchange/v2/derivative/markets/{id}` (a FullDerivativeMarket) */
export const lcdDerivativeMarketResponseSchema = z
  .object({
    market: z.object({
      market: lcdDerivativeMarketSchema,
      perpetual_info: z.unknown().optional(),
      futures_info: z.unknown().optional(),
      /** the market's oracle (mark) price, human; null or absent while the oracle has none */
      mark_price: signedDecimalField.nullable().optional(),
    }),
  })
  .superRefine((reply, ctx) => {
    const inner = reply.market.market;
    checkMarginOrder(ctx, inner.initial_margin_ratio, inner.maintenance_margin_ratio, [
      'market',
      'market',
      'maintenance_margin_ratio',
    ]);
    if (perpetualFlag(reply) === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['market', 'market', 'isPerpetual'],
        message: 'is required (or perpetual_info / futures_info beside the market)',
      });
    }
  });

export type LcdSpotMarketResponse = z.infer<typeof lcdSpotMarketResponseSchema>;
export type LcdDerivativeMarketResponse = z.infer<typeof lcdDerivativeMarketResponseSchema>;

/** Whether a derivative reply describes a perpetual; undefined when the reply does not say. */
export function perpetualFlag(reply: LcdDerivativeMarketResponse): boolean | undefined {
  const inner = reply.market.market;
  if (inner.isPerpetual !== undefined) return inner.isPerpetual;
  if (reply.market.perpetual_info != null) return true;
  if (reply.market.futures_info != null) return false;
  return undefined;
}
