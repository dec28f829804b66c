import 'reflect-metadata';
import { hostname } from 'node:os';
import { Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { config as loadDotenv } from 'dotenv';
import { Logger, LoggerModule } from 'nestjs-pino';
import type { AppName, StreamName } from '@mirrorbook/contracts';
import { ConfigError, ConfigModule, loadConfig, type AppConfig } from '@mirrorbook/config';
import { MessagingModule } from '@mirrorbook/messaging';
import { RedisModule } from '@mirrorbook/redis';
import { LifecycleService, loggerOptions, ObservabilityModule } from '@mirrorbook/observability';

/** Exit code for a configuration the service cannot run with; the starter does not restart on it. */
export const EXIT_CONFIG = 78;

export interface ServiceDefinition {
  app: AppName;
  /** HTTP port when HTTP_PORT is not set */
  defaultPort: number;
  /** the app's own modules, built from the validated configuration */
  imports: (config: AppConfig) => (Type | DynamicModule)[];
  /** JetStream streams this app creates or updates at start */
  streams?: StreamName[];
  /** false for apps that never touch Redis */
  usesRedis?: boolean;
  /** largest accepted JSON body; default 1mb */
  bodyLimit?: string;
  /** runs on the created app before it initialises and listens (adapters, OpenAPI) */
  configure?: (app: INestApplication, config: AppConfig) => Promise<void> | void;
  /** runs after the HTTP server listens (e.g. switch to `running`) */
  afterListen?: (app: INestApplication, config: AppConfig) => Promise<void> | void;
}

const MIN_NODE = [20, 19];

function assertNodeVersion(): void {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
    process.stderr.write(`mirrorbook needs Node >= ${MIN_NODE.join('.')} (the Injective SDK requires it); this is ${process.versions.node}\n`);
    process.exit(EXIT_CONFIG);
  }
}

/** Loads .env and the config, or prints every problem (file, path, reason) and exits. */
export function loadConfigOrExit(app: string): AppConfig {
  loadDotenv({ quiet: true } as never);
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`${app}: invalid configuration: ${problem}\n`);
    process.exit(EXIT_CONFIG);
  }
}

function streamLimits(config: AppConfig, streams: StreamName[]) {
  const maxAge: Record<StreamName, number> = {
    MD: config.env.MD_MAX_AGE_S,
    EXEC: config.env.EXEC_MAX_AGE_S,
    INTENTS: config.env.INTENTS_MAX_AGE_S,
  };
  return Object.fromEntries(streams.map((s) => [s, { maxAgeS: maxAge[s] }]));
}

function rootModule(definition: ServiceDefinition, config: AppConfig, instance: string): DynamicModule {
  @Module({})
  class ServiceRootModule {}
  return {
    module: ServiceRootModule,
    imports: [
      LoggerModule.forRoot({ pinoHttp: { ...loggerOptions(definition.app, instance, config.env.LOG_LEVEL), autoLogging: false } }),
      ConfigModule.forRoot(config),
      MessagingModule.forRoot({ url: config.env.NATS_URL, name: `${definition.app}-${instance}`, streams: streamLimits(config, definition.streams ?? []) }),
      ...(definition.usesRedis === false ? [] : [RedisModule.forRoot(config.env.REDIS_URL)]),
      ObservabilityModule.forRoot({
        app: definition.app,
        instance,
        version: process.env.npm_package_version ?? '0.1.0',
        heartbeatIntervalMs: config.env.HEARTBEAT_INTERVAL_MS,
      }),
      ...definition.imports(config),
    ],
  };
}

/**
 * Boots one service: validated config, JSON logs, NATS, Redis, /health, /metrics, heartbeat, and an
 * ordered shutdown on SIGTERM/SIGINT (stop taking work, finish in flight, release locks, drain)
 * within SHUTDOWN_TIMEOUT_MS, exiting 0.
 */
export async function runService(definition: ServiceDefinition): Promise<INestApplication> {
  assertNodeVersion();
  const config = loadConfigOrExit(definition.app);
  const instance = config.env.INSTANCE_ID ?? `${hostname().replace(/[^A-Za-z0-9_-]/g, '-')}-${process.pid}`;
  const app = await NestFactory.create<NestExpressApplication>(rootModule(definition, config, instance), {
    bufferLogs: true,
    bodyParser: false,
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
  logger.log(`${definition.app} listening on http://${config.env.HTTP_HOST}:${typeof address === 'object' && address ? address.port : port}`);
  await definition.afterListen?.(app, config);
  return app;
}

function installShutdown(app: INestApplication, timeoutMs: number, logger: Logger): void {
  let shuttingDown = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const lifecycle = app.get(LifecycleService);
    lifecycle.transition('stopping');
    logger.log(`${signal} received: stopping`);
    setTimeout(() => {
      logger.error(`shutdown took longer than ${timeoutMs} ms; exiting`);
      process.exit(1);
    }, timeoutMs).unref();
    try {
      await app.close();
      lifecycle.transition('stopped');
      logger.log('stopped');
      process.exit(0);
    } catch (error) {
      logger.error(`shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', (s) => void shutdown(s));
  process.once('SIGINT', (s) => void shutdown(s));
}
