import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';

/**
 * Builds and initialises a Nest app from module metadata in this process; close it in afterEach.
 * `configure` runs before init, as runService's does.
 */
export async function startAppInProcess(
  metadata: ModuleMetadata,
  listen = false,
  configure?: (app: INestApplication) => Promise<void> | void,
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.enableShutdownHooks();
  await configure?.(app);
  if (listen) await app.listen(0, '127.0.0.1');
  else await app.init();
  return app;
}
