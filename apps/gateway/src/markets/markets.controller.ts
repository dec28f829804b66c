import { Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiController } from '../auth/api-controller.decorator';
import { openApiSchema } from '../platform/openapi.schema';
import { Requires } from '../platform/requires.decorator';
import { HistoryQuery } from './history-query.dto';
import { marketViewSchema, type MarketView } from './market.view';
import { MarketsService } from './markets.service';
import { priceHistorySchema, type PriceHistory } from './price-history.view';

/** `/api/markets`: pairs with prices, gap, depth and feed status; price history for charts. */
@ApiController('markets', 'markets')
export class MarketsController {
  constructor(private readonly markets: MarketsService) {}

  @Get()
  @Requires('redis')
  @ApiOperation({ summary: 'Configured pairs: mainnet and testnet price, gap %, depth within 1/2/5 %, feed status' })
  @ApiOkResponse({ schema: openApiSchema(z.array(marketViewSchema)) })
  @ApiServiceUnavailableResponse({ description: 'Redis unavailable' })
  list(): Promise<MarketView[]> {
    return this.markets.list();
  }

  @Get(':mk/history')
  @Requires('nats')
  @ApiOperation({ summary: 'Mainnet and testnet mid over a time range from the MD stream, downsampled' })
  @ApiQuery({ name: 'from', required: false, description: 'ms since epoch; default: to − 1 h', schema: { type: 'integer' } })
  @ApiQuery({ name: 'to', required: false, description: 'ms since epoch; default: now', schema: { type: 'integer' } })
  @ApiQuery({ name: 'points', required: false, description: 'most points per series', schema: { type: 'integer', minimum: 10, maximum: 2000, default: 500 } })
  @ApiOkResponse({ schema: openApiSchema(priceHistorySchema) })
  @ApiBadRequestResponse({ description: 'invalid range' })
  @ApiNotFoundResponse({ description: 'unknown market' })
  @ApiServiceUnavailableResponse({ description: 'NATS unavailable' })
  history(@Param('mk') market: string, @Query() query: HistoryQuery): Promise<PriceHistory> {
    return this.markets.priceHistory(market, query);
  }
}
