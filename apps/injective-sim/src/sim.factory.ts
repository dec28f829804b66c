import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SimChain } from './chain/sim.chain';
import { parseSimConfig } from './config/sim-config.loader';
import type { ExchangePort } from './exchange/exchange.port';
import { FaultState } from './faults/fault.state';
import { SimModule, type SimModuleOptions } from './sim.module';
import type { SimConfig, SimConfigInput } from './sim.config';
import { EXCHANGE_PORT } from './sim.tokens';

/** A running sim. */
export interface RunningSim {
  readonly app: INestApplication;
  /** `http://host:port` with the port actually bound (useful with port 0) */
  readonly url: string;
  readonly port: number;
  readonly config: SimConfig;
  /** direct handles for in-process tests */
  readonly chain: SimChain;
  readonly exchange: ExchangePort;
  readonly faults: FaultState;
  /** stops the block timer and the HTTP server */
  close(): Promise<void>;
}

/** Largest accepted JSON body (a broadcast of a very large batch stays well below). */
const BODY_LIMIT = '5mb';

/**
 * Builds, configures and starts the sim on `config.host:config.port` (0 = a free port). The
 * config is parsed (defaults filled; throws `SimConfigError`), so tests may pass a partial
 * literal: `createSim({ port: 0, blockMs: 0, genesis: { accounts: [...] } })`.
 */
export async function createSim(input: SimConfigInput | SimConfig = {}, options: SimModuleOptions & { logger?: false } = {}): Promise<RunningSim> {
  const config = parseSimConfig(input);
  const app = await NestFactory.create<NestExpressApplication>(SimModule.forRoot(config, options), {
    logger: options.logger === false ? false : ['error', 'warn', 'log'],
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address() as { port: number } | string | null;
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    app,
    url: `http://${config.host}:${port}`,
    port,
    config,
    chain: app.get(SimChain),
    exchange: app.get<ExchangePort>(EXCHANGE_PORT),
    faults: app.get(FaultState),
    close: () => app.close(),
  };
}
