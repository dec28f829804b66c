import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'nestjs-pino';
import { LifecycleService } from '@mirrorbook/observability';

/**
 * On the first SIGTERM/SIGINT: `stopping`, close the app (stop taking work, finish in flight,
 * release locks, drain), `stopped`, exit 0; exit 1 when closing fails or outlasts `timeoutMs`.
 */
export function installShutdown(app: INestApplication, timeoutMs: number, logger: Logger): void {
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
