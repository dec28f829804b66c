import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ActivityController } from './activity/activity.controller';
import { ExecStreamReader } from './activity/exec-stream.reader';
import { ExecTailConsumer } from './activity/exec-tail.consumer';
import { TokenGuard } from './auth/token.guard';
import { TokenVerifier } from './auth/token.verifier';
import { BotOrdersReader } from './bots/bot-orders.reader';
import { BotParamsValidator } from './bots/bot-params.validator';
import { BotStateStore } from './bots/bot-state.store';
import { BotViewBuilder } from './bots/bot-view.builder';
import { BotsController } from './bots/bots.controller';
import { BotsService } from './bots/bots.service';
import { DashboardBundler } from './dashboard/dashboard.bundler';
import { DashboardController } from './dashboard/dashboard.controller';
import { DocsController } from './docs/docs.controller';
import { OpenApiDocument } from './docs/openapi.document';
import { LiveFeed } from './live/live-feed.service';
import { LiveMarketCache } from './live/live-market.cache';
import { ServiceRegistry } from './live/service.registry';
import { MarketViewBuilder } from './markets/market-view.builder';
import { MarketsController } from './markets/markets.controller';
import { MarketsService } from './markets/markets.service';
import { PriceHistoryReader } from './markets/price-history.reader';
import { QualityMonitor } from './quality/quality.monitor';
import { ApiExceptionFilter } from './platform/api-exception.filter';
import { DependencyGuard } from './platform/dependency.guard';
import { DependencyMonitor } from './platform/dependency.monitor';
import { GatewayThrottlerGuard } from './platform/gateway-throttler.guard';
import { JetStreamAccess } from './platform/jetstream.access';
import { SecurityMiddleware } from './platform/security.middleware';
import { ClientAddressResolver } from './platform/client-address';
import { StoredJsonReader } from './platform/stored-json.reader';
import { ZodValidationPipe } from './platform/zod-validation.pipe';
import { RealtimeGateway } from './realtime/realtime.gateway';
import { RealtimeSessions } from './realtime/realtime.sessions';
import { SnapshotProvider } from './realtime/snapshot.provider';
import { TopicHub } from './realtime/topic.hub';
import { WsUpgradePolicy } from './realtime/ws-upgrade.policy';
import { ServicesController } from './services/services.controller';
import { WalletsController } from './wallets/wallets.controller';
import { WalletsService } from './wallets/wallets.service';
import { BalancesReader } from './wallets/balances.reader';
import { FeeBudgetMonitor } from './wallets/fee-budget.monitor';
import { FeesReader } from './wallets/fees.reader';

/** Per client IP per minute, all routes; mutating routes have their own, tighter limit. */
const REQUESTS_PER_MINUTE = 600;

/**
 * The gateway: REST API, WebSocket `/ws`, dashboard at `/`, OpenAPI at `/api/docs`. Needs the
 * shared modules runService provides (config, messaging, Redis); holds no key and spawns nothing.
 */
@Module({
  imports: [ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: REQUESTS_PER_MINUTE }])],
  controllers: [BotsController, MarketsController, WalletsController, ActivityController, ServicesController, DocsController, DashboardController],
  providers: [
    { provide: APP_GUARD, useClass: GatewayThrottlerGuard },
    { provide: APP_GUARD, useClass: TokenGuard },
    { provide: APP_GUARD, useClass: DependencyGuard },
    { provide: APP_PIPE, useClass: ZodValidationPipe },
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
    TokenVerifier,
    DependencyMonitor,
    StoredJsonReader,
    JetStreamAccess,
    LiveMarketCache,
    ServiceRegistry,
    BalancesReader,
    FeesReader,
    FeeBudgetMonitor,
    BotStateStore,
    BotParamsValidator,
    BotViewBuilder,
    BotOrdersReader,
    BotsService,
    WalletsService,
    MarketViewBuilder,
    MarketsService,
    PriceHistoryReader,
    ExecStreamReader,
    ExecTailConsumer,
    TopicHub,
    SnapshotProvider,
    ClientAddressResolver,
    RealtimeSessions,
    WsUpgradePolicy,
    RealtimeGateway,
    LiveFeed,
    QualityMonitor,
    OpenApiDocument,
    DashboardBundler,
  ],
})
export class GatewayModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SecurityMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
