import { Body, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { z } from 'zod';
import { activityPageSchema, type ActivityPage } from '../activity/activity-item.view';
import { ApiController } from '../auth/api-controller.decorator';
import { openApiSchema } from '../platform/openapi.schema';
import { Requires } from '../platform/requires.decorator';
import { ParamsPatch, paramsPatchSchema } from './bot-params.dto';
import { botOrdersSchema, botViewSchema, type BotOrders, type BotView } from './bot.view';
import { BotsService } from './bots.service';
import { LogsQuery } from './logs-query.dto';

/** Mutations are rarer than reads: a tighter budget per client. */
const CONTROL_LIMIT = { default: { limit: 60, ttl: 60_000 } };

/** `/api/bots`: views, control (start/pause/stop), live parameters, open orders, logs. */
@ApiController('bots', 'bots')
@ApiNotFoundResponse({ description: 'unknown bot' })
@ApiServiceUnavailableResponse({ description: 'NATS or Redis unavailable, or control disabled (GATEWAY_TOKEN not set)' })
export class BotsController {
  constructor(private readonly bots: BotsService) {}

  @Get()
  @Requires('redis')
  @ApiOperation({ summary: 'Every configured bot with its desired state, executor, balances and prices' })
  @ApiOkResponse({ schema: openApiSchema(z.array(botViewSchema)) })
  list(): Promise<BotView[]> {
    return this.bots.list();
  }

  @Get(':id')
  @Requires('redis')
  @ApiOperation({ summary: 'One bot, with the parameters in force per market' })
  @ApiOkResponse({ schema: openApiSchema(botViewSchema) })
  get(@Param('id') id: string): Promise<BotView> {
    return this.bots.get(id);
  }

  @Post('bootstrap')
  @HttpCode(200)
  @Throttle(CONTROL_LIMIT)
  @Requires('redis', 'nats')
  @ApiOperation({
    summary:
      'Writes bots:bootstrap once (SET NX): bots without a bot:<id> record get their config default (enabled → running). Without it they are stopped: after Redis lost its data, call this again on purpose',
  })
  @ApiOkResponse({ schema: { type: 'object', properties: { bootstrapped: { type: 'boolean' }, at: { type: 'integer' }, by: { type: 'string' }, written: { type: 'boolean' } } } })
  @ApiUnauthorizedResponse({ description: 'missing or invalid bearer token' })
  bootstrap(): Promise<{ bootstrapped: true; at: number; by: string; written: boolean }> {
    return this.bots.bootstrap();
  }

  @Post(':id/start')
  @HttpCode(200)
  @Throttle(CONTROL_LIMIT)
  @Requires('redis', 'nats')
  @ApiOperation({ summary: 'Desired state → running (stored in bot:<id>, published on bot.state.<id>)' })
  @ApiOkResponse({ schema: openApiSchema(botViewSchema) })
  @ApiUnauthorizedResponse({ description: 'missing or invalid bearer token' })
  start(@Param('id') id: string): Promise<BotView> {
    return this.bots.control(id, 'running');
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Throttle(CONTROL_LIMIT)
  @Requires('redis', 'nats')
  @ApiOperation({ summary: 'Desired state → paused (keeps resting orders; no new intents)' })
  @ApiOkResponse({ schema: openApiSchema(botViewSchema) })
  @ApiUnauthorizedResponse({ description: 'missing or invalid bearer token' })
  pause(@Param('id') id: string): Promise<BotView> {
    return this.bots.control(id, 'paused');
  }

  @Post(':id/stop')
  @HttpCode(200)
  @Throttle(CONTROL_LIMIT)
  @Requires('redis', 'nats')
  @ApiOperation({ summary: 'Desired state → stopped' })
  @ApiOkResponse({ schema: openApiSchema(botViewSchema) })
  @ApiUnauthorizedResponse({ description: 'missing or invalid bearer token' })
  stop(@Param('id') id: string): Promise<BotView> {
    return this.bots.control(id, 'stopped');
  }

  @Patch(':id/params')
  @Throttle(CONTROL_LIMIT)
  @Requires('redis', 'nats')
  @ApiOperation({ summary: 'Merge-patch the live parameter overrides (null removes one); applied at once' })
  @ApiBody({ schema: { ...openApiSchema(paramsPatchSchema), example: { baseSize: '2', maintenance: { perSide: { min: 4, max: 6 } } } } })
  @ApiOkResponse({ schema: openApiSchema(botViewSchema) })
  @ApiBadRequestResponse({ description: 'the merged parameters are invalid: `fieldErrors` maps each field path to its messages' })
  @ApiUnauthorizedResponse({ description: 'missing or invalid bearer token' })
  patchParams(@Param('id') id: string, @Body() patch: ParamsPatch): Promise<BotView> {
    return this.bots.patchParams(id, patch);
  }

  @Get(':id/orders')
  @Requires('redis')
  @ApiOperation({ summary: "The bot's open orders per market (orders:<wallet>:<mk>)" })
  @ApiOkResponse({ schema: openApiSchema(botOrdersSchema) })
  orders(@Param('id') id: string): Promise<BotOrders> {
    return this.bots.orders(id);
  }

  @Get(':id/logs')
  @Requires('nats')
  @ApiOperation({ summary: "Recent execution reports and rejected orders of the bot's wallet, newest first" })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } })
  @ApiQuery({ name: 'before', required: false, schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ schema: openApiSchema(activityPageSchema) })
  logs(@Param('id') id: string, @Query() query: LogsQuery): Promise<ActivityPage> {
    return this.bots.logs(id, query.limit, query.before);
  }
}
