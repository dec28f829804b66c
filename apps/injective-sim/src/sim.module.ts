import { Logger, Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { BlockProducer } from './chain/block.producer';
import { SimChain } from './chain/sim.chain';
import type { ExchangePort } from './exchange/exchange.port';
import { FaultMiddleware } from './faults/fault.middleware';
import { FaultState } from './faults/fault.state';
import { AdminController } from './http/admin.controller';
import { AuthController } from './http/auth.controller';
import { BankController } from './http/bank.controller';
import { ChainParamsController } from './http/chain-params.controller';
import { ExchangeQueryController } from './http/exchange-query.controller';
import { LcdExceptionFilter } from './http/lcd-exception.filter';
import { TendermintController } from './http/tendermint.controller';
import { TxController } from './http/tx.controller';
import { LcdGateMiddleware } from './limits/lcd-gate.middleware';
import { PerIpLimiter } from './limits/per-ip.limiter';
import { createSimExchange, type ReplayCandles } from './sim-exchange.factory';
import type { SimConfig } from './sim.config';
import { EXCHANGE_PORT, SIM_CONFIG, SIM_RATE_LIMITER } from './sim.tokens';

/** Options of `SimModule.forRoot`. */
export interface SimModuleOptions {
  /** the exchange module; default `SimExchange` over the bundled markets (tests pass a double) */
  exchange?: ExchangePort;
  /** the replay candle files, already read (`loadReplayCandles`); default: read them when the module starts */
  candles?: ReplayCandles;
}

/**
 * The injective-sim: chain LCD endpoints, exchange queries, admin API, fault injection and the
 * block timer, over one `SimChain` and one exchange. Composable: a host app may import
 * `SimModule.forRoot(config)` next to its own health/metrics modules.
 */
@Module({})
export class SimModule implements NestModule {
  /** The module for a parsed config (see `loadSimConfig` / `parseSimConfig`). */
  static forRoot(config: SimConfig, options: SimModuleOptions = {}): DynamicModule {
    return {
      module: SimModule,
      controllers: [TxController, AuthController, BankController, TendermintController, ExchangeQueryController, ChainParamsController, AdminController],
      providers: [
        { provide: SIM_CONFIG, useValue: config },
        { provide: EXCHANGE_PORT, useFactory: () => options.exchange ?? createSimExchange(config, options.candles) },
        { provide: SIM_RATE_LIMITER, useFactory: () => new PerIpLimiter(config.rateLimitPerSecond, config.rateLimitBurst) },
        { provide: FaultState, useFactory: () => new FaultState(config.faults, config.seed) },
        {
          provide: SimChain,
          inject: [EXCHANGE_PORT, FaultState],
          useFactory: (exchange: ExchangePort, faults: FaultState) => {
            const logger = new Logger('injective-sim');
            return new SimChain({
              config,
              exchange,
              faults,
              onBlockError: (e, height) => logger.error(`exchange onBlock(${height}) failed: ${e instanceof Error ? e.message : String(e)}`),
            });
          },
        },
        BlockProducer,
        FaultMiddleware,
        LcdGateMiddleware,
        { provide: APP_FILTER, useClass: LcdExceptionFilter },
      ],
      exports: [SimChain, FaultState, EXCHANGE_PORT, SIM_CONFIG, SIM_RATE_LIMITER],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(LcdGateMiddleware, FaultMiddleware).forRoutes('*');
  }
}
