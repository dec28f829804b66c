import { z } from 'zod';
import { decimalField, hash32Field } from './lcd-field.schema';

const orderFields = {
  price: decimalField,
  quantity: decimalField,
  fillable: decimalField,
  isBuy: z.boolean(),
  order_hash: hash32Field,
  cid: z.string().nullable().optional(),
};

function toOpenOrder(order: {
  price: z.output<typeof decimalField>;
  quantity: z.output<typeof decimalField>;
  fillable: z.output<typeof decimalField>;
  isBuy: boolean;
  order_hash: string;
  cid?: string | null;
  margin?: z.output<typeof decimalField>;
}) {
  return {
    orderHash: order.order_hash,
    cid: order.cid ? order.cid : null,
    side: order.isBuy ? ('buy' as const) : ('sell' as const),
    price: order.price,
    quantity: order.quantity,
    fillable: order.fillable,
    margin: order.margin ?? null,
  };
}

/**
 * `GET /injective/exchange/v2/spot/orders/{market_id}/{subaccount_id}` (the trader's resting
 * limit orders on one market):
 *
 * ```json
 * {"orders":[{"price":"12.345000000000000000","quantity":"1.500000000000000000",
 *             "fillable":"1.000000000000000000","isBuy":true,
 *             "order_hash":"0x<64 hex>","cid":"mm-1"}]}
 * ```
 * Human-readable LegacyDec strings; `isBuy` keeps the proto's camelCase name; `cid` may be `""`.
 */
export const spotOpenOrdersResponseSchema = z
  .object({ orders: z.array(z.object(orderFields).passthrough()) })
  .passthrough()
  .transform((reply) => reply.orders.map(toOpenOrder));

/**
 * `GET /injective/exchange/v2/derivative/orders/{market_id}/{subaccount_id}`: as the spot reply,
 * each order with `"margin":"250.000000000000000000"` (human quote units; 0 for reduce-only).
 */
export const derivativeOpenOrdersResponseSchema = z
  .object({ orders: z.array(z.object({ ...orderFields, margin: decimalField }).passthrough()) })
  .passthrough()
  .transform((reply) => reply.orders.map(toOpenOrder));

/** A resting limit order of the subaccount, human units. */
export type OpenOrder = ReturnType<typeof toOpenOrder>;
