import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { connect } from 'nats';
import Redis from 'ioredis';
import { ensureCompiled, freePort, ManagedProcess, REPO_ROOT, requireBinary } from '@mirrorbook/testing';
import { interpolate } from './support/compose.interpolation';
import { appServices, environmentOf, loadComposeProject } from './support/compose.model';
import { containerEnvironment, httpGet, startContainerCommand, TEST_DOTENV, waitForHealth } from './support/container.emulation';
import { environment, loadDockerfile, startCommand } from './support/dockerfile.model';

/**
 * NATS and Redis started here with the exact command and configuration files of docker-compose.yml
 * (container paths mapped to the repository and a temporary directory, ports moved to free ones),
 * the Redis ACL file written by deploy/bin/init-env.sh from a .env holding the test passwords, and
 * every app's credentials as compose writes them into its URLs.
 */
const project = loadComposeProject();
const nats = project.services.nats;
const redis = project.services.redis;
const busServices = appServices(project).filter(([, s]) => environmentOf(s).NATS_URL !== undefined);

/** deploy/bin/init-env.sh run on a copy of the files it reads, with .env holding `env`: the ACL file it writes. */
function aclFileFromInitEnv(dir: string, env: Record<string, string>): string {
  const root = join(dir, 'checkout');
  for (const sub of ['deploy/nats', 'deploy/redis', 'deploy/scale/redis']) mkdirSync(join(root, sub), { recursive: true });
  for (const file of ['.env.example', 'deploy/compose.env.example', 'deploy/nats/auth.conf', 'deploy/redis/users.acl.template', 'deploy/scale/redis/users.acl.template']) copyFileSync(join(REPO_ROOT, file), join(root, file));
  writeFileSync(join(root, '.env'), Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(''));
  const result = spawnSync('sh', [join(REPO_ROOT, 'deploy/bin/init-env.sh')], { env: { PATH: process.env.PATH, MIRRORBOOK_ROOT: root }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`init-env.sh failed: ${result.stderr}`);
  return join(root, 'secrets', 'redis-users.acl');
}

/** A compose URL with the service host:port replaced by a local port. */
function local(url: string, port: number): string {
  return url.replace(/@(nats:4222|redis:6379)$/, `@127.0.0.1:${port}`);
}

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
    expect(nats.env_file).toEqual(['.env']);
    const natsEnv = { ...env, ...Object.fromEntries(Object.entries(environmentOf(nats)).map(([k, v]) => [k, interpolate(v, env)])) };
    const aclFile = aclFileFromInitEnv(dir, env);
    const [, ...natsArgs] = hostCommand([nats.command ?? []].flat(), { '/etc/nats/nats.conf': join(REPO_ROOT, 'deploy/nats/nats.conf'), '/data': join(dir, 'nats') }, env);
    natsProc = new ManagedProcess('nats-server', requireBinary('nats-server', 'nats-server'), [...natsArgs, '-a', '127.0.0.1', '-p', String(natsPort), '-m', String(monitorPort)], {
      env: { ...process.env, ...natsEnv },
    });
    const [, ...redisArgs] = hostCommand(
      [redis.command ?? []].flat(),
      { '/usr/local/etc/redis/redis.conf': join(REPO_ROOT, 'deploy/redis/redis.conf'), '/usr/local/etc/redis/users.acl': aclFile },
      env,
    );
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

    it('refuses a client without the password, or with another identity\'s', async () => {
      await expect(connect({ servers: `nats://127.0.0.1:${natsPort}`, reconnect: false })).rejects.toThrow(/authorization/i);
      await expect(connect({ servers: `nats://127.0.0.1:${natsPort}`, user: 'gateway', pass: 'wrong', reconnect: false })).rejects.toThrow(/authorization/i);
      await expect(connect({ servers: `nats://127.0.0.1:${natsPort}`, user: 'gateway', pass: env.NATS_PASSWORD_STRATEGY, reconnect: false })).rejects.toThrow(/authorization/i);
    });

    it.each(busServices)('lets %s in with the identity of its NATS_URL', async (_name, service) => {
      const url = new URL(interpolate(environmentOf(service).NATS_URL, env));
      const nc = await connect({ servers: `127.0.0.1:${natsPort}`, user: url.username, pass: url.password, reconnect: false });
      await nc.close();
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

    it.each(busServices.filter(([, s]) => environmentOf(s).REDIS_URL !== undefined))('lets %s in with the identity of its REDIS_URL', async (_name, service) => {
      const client = new Redis(local(interpolate(environmentOf(service).REDIS_URL, env), redisPort), { maxRetriesPerRequest: 1, lazyConnect: true });
      try {
        await client.connect();
        expect(await client.ping()).toBe('PONG');
      } finally {
        client.disconnect();
      }
    });

    it('keeps every write in an append-only file and never evicts a lease', async () => {
      // CONFIG is no identity's right: INFO tells the same
      const client = new Redis(local(interpolate(environmentOf(project.services.gateway).REDIS_URL, env), redisPort), { maxRetriesPerRequest: 1 });
      try {
        expect(await client.info('persistence')).toMatch(/^aof_enabled:1\r?$/m);
        expect(await client.info('memory')).toMatch(/^maxmemory_policy:noeviction\r?$/m);
        await expect(client.config('GET', 'save')).rejects.toThrow(/NOPERM/);
        expect(readFileSync(join(REPO_ROOT, 'deploy/redis/redis.conf'), 'utf8')).toMatch(/^save ""$/m);
      } finally {
        client.disconnect();
      }
    });

    it('passes the compose healthcheck command', () => {
      const [kind, healthcheck] = [redis.healthcheck?.test ?? []].flat();
      expect(kind).toBe('CMD-SHELL');
      const script = interpolate(healthcheck, {}).replace('redis-cli', `redis-cli -p ${redisPort}`);
      const run = (password: string) => spawnSync('sh', ['-c', script], { env: { ...process.env, REDIS_PASSWORD_CLI: password } }).status;
      expect(run(env.REDIS_PASSWORD_CLI)).toBe(0);
      expect(run('wrong')).not.toBe(0);
    });
  });

  it('an app reaches /health 200 through both with the URLs compose gives it, and logs no password', async () => {
    const dockerfile = loadDockerfile();
    const port = await freePort();
    // the image runs dist/: the repository's, built when stale
    ensureCompiled();
    // the interpolated URLs name the compose services: move only host and port
    const natsUrl = interpolate(environmentOf(project.services.strategy).NATS_URL, env);
    const redisUrl = interpolate(environmentOf(project.services.strategy).REDIS_URL, env);
    expect([natsUrl, redisUrl]).toEqual([`nats://strategy:${env.NATS_PASSWORD_STRATEGY}@nats:4222`, `redis://strategy:${env.REDIS_PASSWORD_STRATEGY}@redis:6379`]);
    const app = startContainerCommand(
      'strategy',
      startCommand(dockerfile, 'strategy'),
      containerEnvironment(environment(dockerfile, 'strategy'), project.services.strategy, {}, {
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        LOG_LEVEL: 'info',
        NATS_URL: local(natsUrl, natsPort),
        REDIS_URL: local(redisUrl, redisPort),
      }),
    );
    try {
      // well inside the test's time, so that `finally` stops the app
      await waitForHealth(app, port, 30_000);
      expect(app.logs()).not.toContain(env.NATS_PASSWORD_STRATEGY);
      expect(app.logs()).not.toContain(env.REDIS_PASSWORD_STRATEGY);
      expect((await app.stop('SIGTERM', 15_000)).code).toBe(0);
    } finally {
      await app.stop('SIGKILL');
    }
  });
});
