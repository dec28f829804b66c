import { z } from 'zod';
import { accountResponseSchema } from './account.schema';
import { bankBalancesResponseSchema } from './bank-balances.schema';
import { eipBaseFeeResponseSchema } from './eip-base-fee.schema';
import { exchangeParamsResponseSchema } from './exchange-params.schema';
import { latestBlockResponseSchema } from './latest-block.schema';
import { nodeInfoResponseSchema } from './node-info.schema';
import { midPriceAndTobResponseSchema } from './mid-price-and-tob.schema';
import { derivativeOpenOrdersResponseSchema, spotOpenOrdersResponseSchema } from './open-orders.schema';
import { orderbookResponseSchema } from './orderbook.schema';
import { positionsResponseSchema } from './positions.schema';
import { simulateResponseSchema } from './simulate.schema';
import { subaccountDepositsResponseSchema } from './subaccount-deposits.schema';
import { txResponseEnvelopeSchema } from './tx-response.schema';

/**
 * The reply schema `LcdClient` reads each route with, by the route's template as Injective defines
 * it (`google.api.http`): what the contract tests hold against the response messages.
 */
export const LCD_REPLY_SCHEMAS: Readonly<Record<string, z.ZodTypeAny>> = {
  '/cosmos/auth/v1beta1/accounts/{address}': accountResponseSchema,
  '/cosmos/bank/v1beta1/balances/{address}': bankBalancesResponseSchema,
  '/cosmos/base/tendermint/v1beta1/blocks/latest': latestBlockResponseSchema,
  '/cosmos/base/tendermint/v1beta1/node_info': nodeInfoResponseSchema,
  '/cosmos/auth/v1beta1/params': z.unknown(),
  '/injective/exchange/v2/spot/orderbook/{market_id}': orderbookResponseSchema,
  '/injective/exchange/v2/derivative/orderbook/{market_id}': orderbookResponseSchema,
  '/injective/exchange/v2/spot/orders/{market_id}/{subaccount_id}': spotOpenOrdersResponseSchema,
  '/injective/exchange/v2/derivative/orders/{market_id}/{subaccount_id}': derivativeOpenOrdersResponseSchema,
  '/injective/exchange/v2/exchange/subaccountDeposits': subaccountDepositsResponseSchema,
  '/injective/exchange/v2/subaccount_positions/{subaccount_id}': positionsResponseSchema,
  '/injective/exchange/v2/spot/mid_price_and_tob/{market_id}': midPriceAndTobResponseSchema,
  '/injective/exchange/v2/derivative/mid_price_and_tob/{market_id}': midPriceAndTobResponseSchema,
  '/cosmos/tx/v1beta1/txs/{hash}': txResponseEnvelopeSchema,
  '/cosmos/tx/v1beta1/txs': txResponseEnvelopeSchema,
  '/cosmos/tx/v1beta1/simulate': simulateResponseSchema,
  '/injective/exchange/v2/exchangeParams': exchangeParamsResponseSchema,
  '/injective/txfees/v1beta1/cur_eip_base_fee': eipBaseFeeResponseSchema,
};
