import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { connect } from 'nats';
import Redis from 'ioredis';
import { freePort, ManagedProcess, REPO_ROOT, requireBinary } from '@mirrorbook/testing';
import { interpolate } from './support/compose.interpolation';
import { environmentOf, loadComposeProject } from './support/compose.model';
import { containerEnvironment, httpGet, startContainerCommand, TEST_DOTENV, waitForHealth } from './support/container.emulation';
import { environment, loadDockerfile, startCommand } from './support/dockerfile.model';

/**
 * NATS and Redis started here with the exact command and configuration files of docker-compose.yml
 * (container paths mapped to the repository and a temporary directory, ports moved to free ones),
 * and an app connecting to them with the credentials in its URLs as compose writes them.
 */
const project = loadComposeProject();
const nats = project.services.nats;
const redis = project.services.redis;

/** A compose command with its container paths mapped and its variables interpolated. */
function hostCommand(command: string[], paths: Record<string, string>, env: Record<string, string>): string[] {
  return command.map((arg) => {
    const value = interpolate(arg, env);
    const prefix = Object.keys(paths).find((p) => value === p || value.startsWith(`${p}/`));
    return prefix ? paths[prefix] + value.slice(prefix.length) : value;
  });
}

describe('NATS and Redis as docker-compose.yml configures them', () => {
  let dir: string;
  let natsProc: ManagedProcess;
  let redisProc: ManagedProcess;
  let natsPort: number;
  let monitorPort: number;
  let redisPort: number;
  const env = { ...TEST_DOTENV };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mb-infra-'));
    [natsPort, monitorPort, redisPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const natsEnv = Object.fromEntries(Object.entries(environmentOf(nats)).map(([k, v]) => [k, interpolate(v, env)]));
    const [, ...natsArgs] = hostCommand([nats.command ?? []].flat(), { '/etc/nats/nats.conf': join(REPO_ROOT, 'deploy/nats/nats.conf'), '/data': join(dir, 'nats') }, env);
    natsProc = new ManagedProcess('nats-server', requireBinary('nats-server', 'nats-server'), [...natsArgs, '-a', '127.0.0.1', '-p', String(natsPort), '-m', String(monitorPort)], {
      env: { ...process.env, ...natsEnv },
    });
    const [, ...redisArgs] = hostCommand([redis.command ?? []].flat(), { '/usr/local/etc/redis/redis.conf': join(REPO_ROOT, 'deploy/redis/redis.conf') }, env);
    // the image's working directory is /data, where the AOF goes
    redisProc = new ManagedProcess('redis-server', requireBinary('redis-server', 'redis-server'), [...redisArgs, '--port', String(redisPort), '--bind', '127.0.0.1'], { cwd: dir });
    await Promise.all([natsProc.waitForOutput(/Server is ready/), redisProc.waitForOutput(/Ready to accept connections/)]);
  });

  afterAll(async () => {
    await Promise.all([natsProc?.stop('SIGTERM', 5000), redisProc?.stop('SIGTERM', 5000)]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('NATS (deploy/nats/nats.conf)', () => {
    it('answers the health check path of the compose healthcheck', async () => {
      const test = [nats.healthcheck?.test ?? []].flat();
      const url = new URL(test.find((a) => a.startsWith('http://'))!);
      expect((await httpGet(monitorPort, url.pathname + url.search)).status).toBe(200);
    });

    it('refuses a client without the password', async () => {
      await expect(connect({ servers: `nats://127.0.0.1:${natsPort}`, reconnect: false })).rejects.toThrow(/authorization/i);
      await expect(connect({ servers: `nats://127.0.0.1:${natsPort}`, user: env.NATS_USER, pass: 'wrong', reconnect: false })).rejects.toThrow(/authorization/i);
    });

    it('lets the user and password of NATS_URL in and offers JetStream on the store directory', async () => {
      const url = new URL(interpolate(environmentOf(project.services.gateway).NATS_URL, env));
      const nc = await connect({ servers: `127.0.0.1:${natsPort}`, user: url.username, pass: url.password, reconnect: false });
      try {
        const info = await (await nc.jetstreamManager()).getAccountInfo();
        expect(info.limits).toBeDefined();
        const varz = JSON.parse((await httpGet(monitorPort, '/varz')).body) as { jetstream: { config: { store_dir: string } }; max_payload: number };
        expect(varz.jetstream.config.store_dir).toContain(join(dir, 'nats'));
        expect(varz.max_payload).toBe(1024 * 1024);
      } finally {
        await nc.close();
      }
    });
  });

  describe('Redis (deploy/redis/redis.conf)', () => {
    it('refuses commands without the password', async () => {
      // raw RESP: a client library would hide the reply behind its own ready check
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = createConnection(redisPort, '127.0.0.1', () => socket.write('PING\r\n'));
        socket.once('data', (data) => {
          resolve(data.toString());
          socket.destroy();
        });
        socket.once('error', reject);
      });
      expect(reply).toMatch(/^-NOAUTH/);
    });

    it('keeps every write in an append-only file and never evicts a lease', async () => {
      const url = interpolate(environmentOf(project.services.gateway).REDIS_URL, env).replace('@redis:6379', `@127.0.0.1:${redisPort}`);
      const client = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        expect(await client.ping()).toBe('PONG');
        expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
        expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
        expect(await client.config('GET', 'save')).toEqual(['save', '']);
      } finally {
        client.disconnect();
      }
    });

    it('passes the compose healthcheck command', () => {
      const [kind, script] = [redis.healthcheck?.test ?? []].flat();
      expect(kind).toBe('CMD-SHELL');
      const local = interpolate(script, {}).replace('redis-cli', `redis-cli -p ${redisPort}`);
      const run = (password: string) => spawnSync('sh', ['-c', local], { env: { ...process.env, REDIS_PASSWORD: password } }).status;
      expect(run(env.REDIS_PASSWORD)).toBe(0);
      expect(run('wrong')).not.toBe(0);
    });
  });

  it('an app reaches /health 200 through both with the URLs compose gives it, and logs no password', async () => {
    const dockerfile = loadDockerfile();
    const port = await freePort();
    // the interpolated URLs name the compose services: move only host and port
    const natsUrl = interpolate(environmentOf(project.services.strategy).NATS_URL, env);
    const redisUrl = interpolate(environmentOf(project.services.strategy).REDIS_URL, env);
    expect([natsUrl, redisUrl]).toEqual([`nats://${env.NATS_USER}:${env.NATS_PASSWORD}@nats:4222`, `redis://:${env.REDIS_PASSWORD}@redis:6379`]);
    const app = startContainerCommand(
      'strategy',
      startCommand(dockerfile, 'strategy'),
      containerEnvironment(environment(dockerfile, 'strategy'), project.services.strategy, {}, {
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        LOG_LEVEL: 'info',
        NATS_URL: natsUrl.replace('@nats:4222', `@127.0.0.1:${natsPort}`),
        REDIS_URL: redisUrl.replace('@redis:6379', `@127.0.0.1:${redisPort}`),
      }),
    );
    try {
      // well inside the test's time, so that `finally` stops the app
      await waitForHealth(app, port, 30_000);
      expect(app.logs()).not.toContain(env.NATS_PASSWORD);
      expect(app.logs()).not.toContain(env.REDIS_PASSWORD);
      expect((await app.stop('SIGTERM', 15_000)).code).toBe(0);
    } finally {
      await app.stop('SIGKILL');
    }
  });
});
