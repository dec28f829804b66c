import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { ConfigModule, loadConfig, type AppConfig } from '@mirrorbook/config';
import { RedisModule, RedisService } from '@mirrorbook/redis';
import { MessagingModule, MessagingService } from '@mirrorbook/messaging';
import { ObservabilityModule } from '@mirrorbook/observability';
import { eventually, REPO_ROOT, startAppInProcess } from '@mirrorbook/testing';
// the gateway's own integration tests build its module in-process (supertest, WS, browser); nothing else should
// eslint-disable-next-line no-restricted-imports
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
// eslint-disable-next-line no-restricted-imports
import { configureGateway } from '../../apps/gateway/src/gateway.setup';

/** The control token the test gateways are started with. */
export const TOKEN = 'test-token-0123456789abcdef';

/** A gateway app in this process, listening on a free port, with raw clients for seeding. */
export interface GatewayUnderTest {
  app: INestApplication;
  url: string;
  wsUrl: string;
  config: AppConfig;
  close(): Promise<void>;
}

/** Builds the gateway module exactly as runService would (config, NATS with MD+EXEC, Redis) and listens. */
export async function startGateway(env: Record<string, string | undefined>, wait = true): Promise<GatewayUnderTest> {
  const config = loadConfig({ CONFIG_DIR: join(REPO_ROOT, 'config'), GATEWAY_TOKEN: TOKEN, HEARTBEAT_INTERVAL_MS: '500', ...env });
  const app = await startAppInProcess(
    {
      imports: [
        ConfigModule.forRoot(config),
        MessagingModule.forRoot({
          url: config.env.NATS_URL,
          name: 'gateway-test',
          streams: { MD: { maxAgeS: 3600, maxBytes: 64 * 1024 ** 2 }, EXEC: { maxAgeS: 3600, maxBytes: 64 * 1024 ** 2 } },
          retryDelayMs: 100,
          maxRetryDelayMs: 500,
        }),
        RedisModule.forRoot({ url: config.env.REDIS_URL }),
        ObservabilityModule.forRoot({ app: 'gateway', instance: 'gateway-test', version: '0.0.0', heartbeatIntervalMs: config.env.HEARTBEAT_INTERVAL_MS }),
        GatewayModule,
      ],
    },
    true,
    configureGateway,
  );
  if (wait) {
    await app.get(MessagingService).ready();
    await eventually(() => app.get(RedisService).isReady(), 5000, 'the Redis connection');
  }
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    url: `http://127.0.0.1:${address.port}`,
    wsUrl: `ws://127.0.0.1:${address.port}/ws`,
    close: () => app.close(),
  };
}

/** This process's wall clock (Date.now, which the in-process gateway reads), held still until restored. */
export interface HeldClock {
  /** the time it was held at */
  readonly at: number;
  /** moves the held clock to `ms` since epoch */
  set(ms: number): void;
  restore(): void;
}

/** Holds Date.now at its current value: ages the gateway computes then depend on `set` alone, not on the machine's speed. */
export function holdClock(): HeldClock {
  const at = Date.now();
  const spy = jest.spyOn(Date, 'now').mockReturnValue(at);
  return { at, set: (ms) => spy.mockReturnValue(ms), restore: () => spy.mockRestore() };
}
