import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { containerRuntimeAvailable } from './container.runtime';
import { freePort, waitForPort } from './free-port';
import { ManagedProcess } from './managed.process';
import { requireBinary } from './server.binaries';

/** A real `nats-server -js` for one test file; `restart()` keeps the port and the store. */
export interface TestNatsServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

/** `configFile`: a nats-server config (users, permissions; a local binary is used then, whatever the runtime). */
export async function startNatsServer(options: { configFile?: string } = {}): Promise<TestNatsServer> {
  return !options.configFile && (await containerRuntimeAvailable()) ? startNatsContainer() : startNatsBinary(options.configFile);
}

async function startNatsBinary(configFile?: string): Promise<TestNatsServer> {
  const binary = requireBinary('nats-server', 'nats-server');
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'mb-nats-'));
  const config = configFile ? ['-c', configFile] : [];
  const launch = async () => {
    const proc = new ManagedProcess('nats-server', binary, [...config, '-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir]);
    await proc.waitForOutput(/Server is ready/);
    return proc;
  };
  let proc = await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    async stop() {
      await proc.stop('SIGTERM', 5000);
      rmSync(storeDir, { recursive: true, force: true });
    },
    async restart() {
      await proc.stop('SIGTERM', 5000);
      proc = await launch();
    },
  };
}

async function startNatsContainer(): Promise<TestNatsServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('nats:2.10-alpine')
    .withCommand(['-js'])
    .withExposedPorts(4222)
    .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
    .start();
  const port = container.getMappedPort(4222);
  await waitForPort(port);
  return {
    url: `nats://${container.getHost()}:${port}`,
    port,
    stop: async () => {
      await container.stop();
    },
    restart: async () => {
      await container.restart();
    },
  };
}
