import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';

/** Builds and initialises a Nest app from module metadata in this process; close it in afterEach. */
export async function startAppInProcess(metadata: ModuleMetadata, listen = false): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.enableShutdownHooks();
  if (listen) await app.listen(0, '127.0.0.1');
  else await app.init();
  return app;
}
