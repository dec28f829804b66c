import { containerRuntimeAvailable } from './container.runtime';
import { freePort } from './free-port';
import { ManagedProcess } from './managed.process';
import { requireBinary } from './server.binaries';

/** A real `redis-server` without persistence for one test file. */
export interface TestRedisServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Freezes the server (SIGSTOP / `docker pause`): connections stay open and nothing answers, a black hole. */
  pause(): Promise<void>;
  /** Thaws a paused server: it answers what was sent meanwhile. */
  resume(): Promise<void>;
}

/** `aclFile`: users from a Redis ACL file (a local binary is used then, whatever the runtime). */
export async function startRedisServer(options: { aclFile?: string } = {}): Promise<TestRedisServer> {
  return !options.aclFile && (await containerRuntimeAvailable()) ? startRedisContainer() : startRedisBinary(options.aclFile);
}

async function startRedisBinary(aclFile?: string): Promise<TestRedisServer> {
  const binary = requireBinary('redis-server', 'redis-server');
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', ...(aclFile ? ['--aclfile', aclFile] : [])];
  const launch = async () => {
    const proc = new ManagedProcess('redis-server', binary, args);
    await proc.waitForOutput(/Ready to accept connections/);
    return proc;
  };
  let proc = await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await proc.stop('SIGTERM', 5000);
    },
    async restart() {
      await proc.stop('SIGTERM', 5000);
      proc = await launch();
    },
    async pause() {
      proc.signal('SIGSTOP');
    },
    async resume() {
      proc.signal('SIGCONT');
    },
  };
}

async function docker(...args: string[]): Promise<void> {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  await promisify(execFile)('docker', args);
}

async function startRedisContainer(): Promise<TestRedisServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('redis:7-alpine')
    .withCommand(['redis-server', '--save', '', '--appendonly', 'no'])
    .withExposedPorts(6379)
    .withWaitStrategy(Wait.forLogMessage(/Ready to accept connections/))
    .start();
  const port = container.getMappedPort(6379);
  return {
    url: `redis://${container.getHost()}:${port}`,
    port,
    stop: async () => {
      await container.stop();
    },
    restart: async () => {
      await container.restart();
    },
    pause: () => docker('pause', container.getId()),
    resume: () => docker('unpause', container.getId()),
  };
}
