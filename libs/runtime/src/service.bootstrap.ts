import 'reflect-metadata';
import { hostname } from 'node:os';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { ServiceDefinition } from './service.definition';
import { rootModule } from './service-root.module';
import { installShutdown } from './shutdown.handler';
import { assertNodeVersion, loadConfigOrExit } from './startup.guards';

/**
 * Boots one service: validated config, JSON logs, NATS, Redis, /health, /metrics, heartbeat, and an
 * ordered shutdown on SIGTERM/SIGINT (stop taking work, finish in flight, release locks, drain)
 * within SHUTDOWN_TIMEOUT_MS, exiting 0.
 */
export async function runService(definition: ServiceDefinition): Promise<INestApplication> {
  assertNodeVersion();
  const config = loadConfigOrExit(definition.app, definition.configProblems);
  const instance = config.env.INSTANCE_ID ?? `${hostname().replace(/[^A-Za-z0-9_-]/g, '-')}-${process.pid}`;
  const httpsOptions = definition.httpsOptions?.(config);
  const app = await NestFactory.create<NestExpressApplication>(rootModule(definition, config, instance), {
    bufferLogs: true,
    bodyParser: false,
    httpsOptions,
  });
  app.useBodyParser('json', { limit: definition.bodyLimit ?? '1mb' });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.flushLogs();
  process.on('uncaughtException', (error) => logger.error(`uncaught exception: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => logger.error(`unhandled rejection: ${String(reason)}`));
  installShutdown(app, config.env.SHUTDOWN_TIMEOUT_MS, logger);
  await definition.configure?.(app, config);
  const port = config.env.HTTP_PORT ?? definition.defaultPort;
  await app.listen(port, config.env.HTTP_HOST);
  const address = app.getHttpServer().address();
  logger.log(`${definition.app} listening on ${httpsOptions ? 'https' : 'http'}://${config.env.HTTP_HOST}:${typeof address === 'object' && address ? address.port : port}`);
  await definition.afterListen?.(app, config);
  return app;
}
