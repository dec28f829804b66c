import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { connect as tlsConnect } from 'node:tls';
import { join } from 'node:path';
import Ajv from 'ajv';
import Redis from 'ioredis';
import { connect, RetentionPolicy, StorageType } from 'nats';
import { parse } from 'yaml';
import { serviceIdentities } from '@mirrorbook/access';
import { natsConnectionOptions } from '@mirrorbook/messaging';
import { redisTlsOptions } from '@mirrorbook/redis';
import { eventually, freePort, ManagedProcess, REPO_ROOT, requireBinary } from '@mirrorbook/testing';
import { interpolate } from './support/compose.interpolation';
import { configuredWallets, repoText, type ComposeFile } from './support/compose.model';
import { testBusPasswords } from './support/container.emulation';

/** deploy/scale/: the multi-host configurations, checked without an engine. */
const SCALE_COMPOSE_FILES = ['deploy/scale/compose.app-host.yml', 'deploy/scale/nats/compose.nats-node.yml', 'deploy/scale/redis/compose.redis-node.yml'];
const wallets = configuredWallets().map((w) => w.id);
const passwords = testBusPasswords(wallets);

function loadScaleFile(path: string): ComposeFile {
  return parse(repoText(path), { merge: true, uniqueKeys: true }) as ComposeFile;
}

/** A service's environment as name → value, from either compose form. */
function environmentOf(service: { environment?: unknown }): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) return Object.fromEntries((env as string[]).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(env as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

/** Host ports a service publishes beyond the host's loopback. */
function publicPorts(service: { ports?: unknown[] }): number[] {
  return (service.ports ?? [])
    .map(String)
    .filter((p) => !p.startsWith('127.0.0.1:'))
    .map((p) => Number(p.split(':').at(-1)));
}

/** The body of the first `name { … }` block of a NATS config text (braces balanced). */
function natsBlock(text: string, name: string): string | undefined {
  const start = new RegExp(`^\\s*${name}\\s*\\{`, 'm').exec(text);
  if (!start) return undefined;
  let depth = 0;
  for (let i = start.index + start[0].length - 1; i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth === 0) return text.slice(start.index + start[0].length, i);
  }
  return undefined;
}

/** `directive value` lines of a Redis config, last one wins. */
function redisDirectives(text: string): Map<string, string> {
  const lines = text.split('\n').filter((l) => /^[a-z]/.test(l));
  return new Map(lines.map((l) => [l.split(/\s+/)[0] + (l.startsWith('sentinel ') ? ` ${l.split(/\s+/)[1]}` : ''), l.split(/\s+/).slice(l.startsWith('sentinel ') ? 2 : 1).join(' ')]));
}

/** The CA and a certificate for 127.0.0.1 as deploy/bin/make-tls.sh writes them, in a host's secrets/tls layout. */
function makeTls(dir: string): { ca: string; cert: string; key: string } {
  const result = spawnSync('sh', [join(REPO_ROOT, 'deploy/bin/make-tls.sh'), dir, 'server', 'DNS:test.internal'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`make-tls.sh failed: ${result.stderr}`);
  return { ca: join(dir, 'ca.crt'), cert: join(dir, 'server.crt'), key: join(dir, 'server.key') };
}

describe('deploy/scale compose files', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'compose-spec.json'), 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it.each(SCALE_COMPOSE_FILES)('%s validates against the Compose specification schema', (file) => {
    const valid = validate(loadScaleFile(file));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('gives executors on any host the key as a secret file and NATS/Redis from .env', () => {
    const host = loadScaleFile('deploy/scale/compose.app-host.yml');
    expect(host.services.executor.environment).toEqual(expect.arrayContaining([expect.stringMatching(/^WALLET_\$\{WALLET_ID_UPPER[^}]*\}_PRIVATE_KEY_FILE=\/run\/secrets\/wallet$/)]));
    expect(host.services.executor.secrets).toEqual(['wallet']);
    for (const service of Object.values(host.services)) expect(service.env_file).toEqual(['.env']);
  });

  it('has no plain nats:// or redis:// URL, and no shared NATS or Redis user, anywhere in deploy/scale', () => {
    for (const file of [...SCALE_COMPOSE_FILES, 'deploy/scale/nats/cluster.env.example', 'deploy/scale/nats/nats-cluster.conf']) {
      expect({ file, plain: repoText(file).match(/\b(nats|redis):\/\/\S*/g) ?? [] }).toEqual({ file, plain: [] });
      expect({ file, shared: repoText(file).match(/\b(NATS_USER|NATS_PASSWORD|REDIS_PASSWORD)\b(?!_)/g) ?? [] }).toEqual({ file, shared: [] });
    }
  });
});

describe('deploy/scale app hosts: each service as its own identity, over TLS', () => {
  const host = loadScaleFile('deploy/scale/compose.app-host.yml');
  const identities = new Map(serviceIdentities(['${WALLET_ID:?name the wallet this host signs for}']).map((i) => [i.name, i]));

  it.each(Object.entries(host.services))('%s: tls:// and rediss:// URLs with its identity, checked against the mounted CA', (name, service) => {
    const env = environmentOf(service);
    const identity = name === 'executor' ? 'executor-${WALLET_ID:?name the wallet this host signs for}' : name;
    expect(identities.has(identity)).toBe(true);
    expect(env.NATS_URL).toMatch(new RegExp(`^tls://${identity.replace(/[$?{}]/g, '\\$&')}:\\$\\{NATS_PASSWORD_[A-Z_]+:-\\}@\\$\\{NATS_HOST:-[a-z0-9.-]+\\}:4222$`));
    expect(env.REDIS_URL).toMatch(new RegExp(`^rediss://${identity.replace(/[$?{}]/g, '\\$&')}:\\$\\{REDIS_PASSWORD_[A-Z_]+:-\\}@\\$\\{REDIS_HOST:-[a-z0-9.-]+\\}:6379$`));
    expect({ nats: env.NATS_CA_FILE, redis: env.REDIS_CA_FILE }).toEqual({ nats: '/app/tls/ca.crt', redis: '/app/tls/ca.crt' });
    expect(service.volumes).toContain('./secrets/tls/ca.crt:/app/tls/ca.crt:ro');
  });

  it('names each fixed service\'s password variable after its identity', () => {
    for (const name of ['price-feed', 'strategy', 'gateway']) {
      const token = name.toUpperCase().replace(/-/g, '_');
      const env = environmentOf(host.services[name]);
      expect(env.NATS_URL).toContain(`\${NATS_PASSWORD_${token}:-}`);
      expect(env.REDIS_URL).toContain(`\${REDIS_PASSWORD_${token}:-}`);
    }
  });
});

describe('deploy/scale servers: TLS on every port that leaves the host', () => {
  it('NATS: the client port and the cluster routes (mutual TLS) with the mounted certificate, key and CA; the generated users included', () => {
    const node = loadScaleFile('deploy/scale/nats/compose.nats-node.yml').services.nats;
    expect(publicPorts(node).sort()).toEqual([4222, 6222]);
    const conf = repoText('deploy/scale/nats/nats-cluster.conf');
    const cluster = natsBlock(conf, 'cluster')!;
    const clientTls = natsBlock(conf.replace(cluster, ''), 'tls');
    const routeTls = natsBlock(cluster, 'tls');
    expect(conf).toMatch(/^port: 4222$/m);
    expect(cluster).toMatch(/^\s*port: 6222$/m);
    for (const tls of [clientTls, routeTls]) {
      expect(tls).toMatch(/cert_file: "\/etc\/nats\/tls\/server\.crt"/);
      expect(tls).toMatch(/key_file: "\/etc\/nats\/tls\/server\.key"/);
      expect(tls).toMatch(/ca_file: "\/etc\/nats\/tls\/ca\.crt"/);
    }
    expect(routeTls).toMatch(/verify: true/);
    expect(node.volumes).toEqual(expect.arrayContaining(['./secrets/tls:/etc/nats/tls:ro', './auth.conf:/etc/nats/auth.conf:ro']));
    expect(conf).toMatch(/^include \.\/auth\.conf$/m);
    expect(repoText('deploy/scale/nats/auth.conf')).toBe(repoText('deploy/nats/auth.conf'));
  });

  it('Redis: no clear-text port, TLS on 6379 and for replication, the ACL users; Sentinel TLS-only with a password', () => {
    const { services } = loadScaleFile('deploy/scale/redis/compose.redis-node.yml');
    expect(publicPorts(services.redis)).toEqual([6379]);
    expect(publicPorts(services.sentinel)).toEqual([26379]);
    expect([services.redis.command].flat()).toEqual(['redis-server', '${REDIS_ROLE_CONF:-/usr/local/etc/redis/redis-tls.conf}', '--masterauth', '${REDIS_PASSWORD_REPLICA:?}']);
    expect(repoText('deploy/scale/redis/redis-replica.conf')).toMatch(/^include \/usr\/local\/etc\/redis\/redis-tls\.conf$/m);
    const redis = redisDirectives(repoText('deploy/scale/redis/redis-tls.conf'));
    const sentinel = redisDirectives(repoText('deploy/scale/redis/sentinel.conf'));
    for (const [conf, port] of [[redis, '6379'], [sentinel, '26379']] as const) {
      expect(conf.get('port')).toBe('0');
      expect(conf.get('tls-port')).toBe(port);
      expect(conf.get('tls-replication')).toBe('yes');
      expect(conf.get('tls-cert-file')).toBe('/usr/local/etc/redis/tls/server.crt');
      expect(conf.get('tls-key-file')).toBe('/usr/local/etc/redis/tls/server.key');
      expect(conf.get('tls-ca-cert-file')).toBe('/usr/local/etc/redis/tls/ca.crt');
    }
    expect(redis.get('aclfile')).toBe('/usr/local/etc/redis/users.acl');
    expect(redis.get('masteruser')).toBe('replica');
    expect(sentinel.get('requirepass')).toBe('__REDIS_PASSWORD_SENTINEL__');
    expect(sentinel.get('sentinel sentinel-pass')).toBe('__REDIS_PASSWORD_SENTINEL__');
    expect(sentinel.get('sentinel auth-user')).toBe('mirrorbook sentinel');
    expect(sentinel.get('sentinel auth-pass')).toBe('mirrorbook __REDIS_PASSWORD_SENTINEL__');
    for (const service of [services.redis, services.sentinel]) expect(service.volumes).toContain('./secrets/tls:/usr/local/etc/redis/tls:ro');
    expect(services.redis.volumes).toContain('./secrets/redis-users.acl:/usr/local/etc/redis/users.acl:ro');
  });
});

describe('deploy/scale/nats/nats-cluster.conf: three nodes with JetStream replicas 3, TLS for clients and routes', () => {
  const nodes: ManagedProcess[] = [];
  let dir: string;
  let clientPorts: number[];
  let ca: string;
  const feed = { user: 'price-feed', pass: passwords.NATS_PASSWORD_PRICE_FEED };
  const url = (port: number, { user, pass } = feed) => `tls://${user}:${pass}@127.0.0.1:${port}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mb-nats-cluster-'));
    const binary = requireBinary('nats-server', 'nats-server');
    const tls = makeTls(join(dir, 'tls'));
    ca = tls.ca;
    // the container layout: the config with auth.conf next to it, the TLS files mapped from /etc/nats/tls
    const conf = repoText('deploy/scale/nats/nats-cluster.conf').replaceAll('/etc/nats/tls/', `${join(dir, 'tls')}/`);
    writeFileSync(join(dir, 'nats-cluster.conf'), conf);
    copyFileSync(join(REPO_ROOT, 'deploy/scale/nats/auth.conf'), join(dir, 'auth.conf'));
    // nine distinct ports (client, route, monitoring per node)
    const ports = new Set<number>();
    while (ports.size < 9) ports.add(await freePort());
    const [c1, c2, c3, r1, r2, r3, ...monitorPorts] = [...ports];
    clientPorts = [c1, c2, c3];
    const routePorts = [r1, r2, r3];
    const routes = Object.fromEntries(routePorts.map((port, i) => [`NATS_ROUTE_${i + 1}`, `nats-route://route:routeTestPassword0@127.0.0.1:${port}`]));
    for (let i = 0; i < 3; i++) {
      const env = { ...process.env, ...routes, ...passwords, NATS_SERVER_NAME: `nats-${i + 1}`, NATS_CLUSTER_USER: 'route', NATS_CLUSTER_PASSWORD: 'routeTestPassword0' };
      // the file's ports moved to free ones on loopback; everything else as written
      const args = ['--config', join(dir, 'nats-cluster.conf'), '--store_dir', join(dir, String(i)), '-a', '127.0.0.1', '-p', String(clientPorts[i]), '-m', String(monitorPorts[i]), '--cluster', `nats://127.0.0.1:${routePorts[i]}`];
      nodes.push(new ManagedProcess(`nats-${i + 1}`, binary, args, { env }));
    }
    await Promise.all(nodes.map((n) => n.waitForOutput(/Server is ready/, 45_000)));
  }, 90_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop('SIGTERM', 5000)));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('forms a cluster over TLS routes that holds a stream on three servers, and an app-style update keeps the replicas', async () => {
    const nc = await connect({ ...natsConnectionOptions(url(clientPorts[0]), ca), servers: clientPorts.map((p) => `tls://127.0.0.1:${p}`) });
    try {
      const deadline = Date.now() + 30_000;
      let info;
      let jsm;
      // JetStream needs a meta leader first: retry until the cluster has elected one
      while (!info || !jsm) {
        try {
          jsm = await nc.jetstreamManager();
          info = await jsm.streams.add({ name: 'MD', subjects: ['md.price.>'], retention: RetentionPolicy.Limits, storage: StorageType.File, num_replicas: 3 });
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      expect(info.config.num_replicas).toBe(3);
      expect(1 + (info.cluster?.replicas?.length ?? 0)).toBe(3);
      // what libs/messaging does at every start: update subjects and max_age over the existing config
      const updated = await jsm.streams.update('MD', { ...info.config, subjects: ['md.price.>'], max_age: 86_400 * 1_000_000_000 });
      expect(updated.config.num_replicas).toBe(3);
    } finally {
      await nc.close();
    }
  });

  it('lets every identity of the table in on every node, over TLS checked against the CA (libs/messaging options)', async () => {
    for (const port of clientPorts) {
      for (const { name } of serviceIdentities(wallets)) {
        const pass = passwords[`NATS_PASSWORD_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`];
        const nc = await connect({ ...natsConnectionOptions(url(port, { user: name, pass }), ca), reconnect: false });
        expect(nc.info?.tls_required).toBe(true);
        await nc.close();
      }
    }
  });

  it('requires TLS on the client port: the server asks for it before anything else, and a server unknown to the CA is refused', async () => {
    const greeting = await new Promise<string>((resolve, reject) => {
      const socket = createConnection(clientPorts[0], '127.0.0.1');
      socket.once('data', (data) => {
        resolve(data.toString());
        socket.destroy();
      });
      socket.once('error', reject);
    });
    expect(greeting).toMatch(/^INFO .*"tls_required":true/);
    // the system CAs do not know the deployment's CA
    await expect(connect({ ...natsConnectionOptions(url(clientPorts[0])), reconnect: false })).rejects.toThrow(/certificate/i);
  });

  it('refuses a wrong password, and another identity\'s, on every node', async () => {
    for (const port of clientPorts) {
      await expect(connect({ ...natsConnectionOptions(url(port, { user: 'gateway', pass: 'wrong' }), ca), reconnect: false })).rejects.toThrow(/authorization/i);
      await expect(connect({ ...natsConnectionOptions(url(port, { user: 'gateway', pass: feed.pass }), ca), reconnect: false })).rejects.toThrow(/authorization/i);
    }
  });
});

describe('deploy/scale/redis: a primary and a replica over TLS with the ACL users, and a Sentinel', () => {
  let dir: string;
  const processes: ManagedProcess[] = [];
  let ports: { primary: number; replica: number; sentinel: number };
  let ca: string;
  let env: Record<string, string>;

  /** deploy/scale/redis's files in the container layout under `dir`, its host names and ports moved to loopback. */
  function layout(tlsDir: string, acl: string): (text: string) => string {
    return (text) =>
      text
        .replaceAll('/usr/local/etc/redis/tls/', `${tlsDir}/`)
        .replaceAll('/usr/local/etc/redis/users.acl', acl)
        .replaceAll('/usr/local/etc/redis/', `${dir}/etc/`)
        .replace(/^replicaof redis-1\.internal 6379$/m, `replicaof 127.0.0.1 ${ports.primary}`)
        .replace(/^sentinel monitor mirrorbook redis-1\.internal 6379 2$/m, `sentinel monitor mirrorbook 127.0.0.1 ${ports.primary} 1`);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mb-redis-scale-'));
    const binary = requireBinary('redis-server', 'redis-server');
    ports = { primary: await freePort(), replica: await freePort(), sentinel: await freePort() };
    ca = makeTls(join(dir, 'tls')).ca;
    // init-env.sh on a copy of the files it reads writes .env and secrets/scale/redis-users.acl
    const root = join(dir, 'checkout');
    for (const sub of ['deploy/nats', 'deploy/redis', 'deploy/scale/redis']) mkdirSync(join(root, sub), { recursive: true });
    for (const file of ['.env.example', 'deploy/compose.env.example', 'deploy/nats/auth.conf', 'deploy/redis/users.acl.template', 'deploy/scale/redis/users.acl.template']) {
      copyFileSync(join(REPO_ROOT, file), join(root, file));
    }
    const init = spawnSync('sh', [join(REPO_ROOT, 'deploy/bin/init-env.sh')], { env: { PATH: process.env.PATH, MIRRORBOOK_ROOT: root }, encoding: 'utf8' });
    expect(init.status).toBe(0);
    env = Object.fromEntries(readFileSync(join(root, '.env'), 'utf8').split('\n').filter((l) => /^[A-Z_][A-Z0-9_]*=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const map = layout(join(dir, 'tls'), join(root, 'secrets/scale/redis-users.acl'));
    mkdirSync(join(dir, 'etc'));
    writeFileSync(join(dir, 'etc', 'redis.conf'), repoText('deploy/redis/redis.conf'));
    for (const file of ['redis-tls.conf', 'redis-replica.conf']) writeFileSync(join(dir, 'etc', file), map(repoText(`deploy/scale/redis/${file}`)));
    // as compose.redis-node.yml's sentinel command writes it
    writeFileSync(join(dir, 'sentinel.conf'), map(repoText('deploy/scale/redis/sentinel.conf')).replaceAll('__REDIS_PASSWORD_SENTINEL__', env.REDIS_PASSWORD_SENTINEL));
    const start = (name: string, conf: string, port: number, extra: string[] = []) => {
      mkdirSync(join(dir, name));
      const proc = new ManagedProcess(name, binary, [conf, '--tls-port', String(port), '--bind', '127.0.0.1', ...extra], { cwd: join(dir, name) });
      processes.push(proc);
      return proc;
    };
    const primary = start('primary', join(dir, 'etc', 'redis-tls.conf'), ports.primary, ['--masterauth', env.REDIS_PASSWORD_REPLICA]);
    await primary.waitForOutput(/Ready to accept connections/);
    const replica = start('replica', join(dir, 'etc', 'redis-replica.conf'), ports.replica, ['--masterauth', env.REDIS_PASSWORD_REPLICA]);
    await replica.waitForOutput(/MASTER <-> REPLICA sync: Finished with success/, 30_000);
    const sentinel = start('sentinel', join(dir, 'sentinel.conf'), ports.sentinel, ['--sentinel']);
    await sentinel.waitForOutput(/\+monitor master mirrorbook/, 30_000);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGTERM', 5000)));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A client as libs/redis makes one, checking the server against the deployment's CA. */
  const client = (port: number, user: string, password: string) => {
    const url = `rediss://${user}:${password}@127.0.0.1:${port}`;
    const redis = new Redis(url, { ...redisTlsOptions(url, ca), lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => undefined);
    return redis;
  };

  it('replicates over TLS: a write of the executor identity on the primary reaches the replica', async () => {
    const wallet = wallets[0];
    const executor = client(ports.primary, `executor-${wallet}`, env[`REDIS_PASSWORD_EXECUTOR_${wallet.toUpperCase()}`]);
    const reader = client(ports.replica, 'cli', env.REDIS_PASSWORD_CLI);
    try {
      await executor.connect();
      await reader.connect();
      await executor.set(`seq:${wallet}`, '42');
      expect(await eventually(async () => (await reader.get(`seq:${wallet}`)) === '42', 10_000, 'the write on the replica')).toBe(true);
      await expect(executor.set('bot:any', 'x')).rejects.toThrow(/NOPERM/);
    } finally {
      executor.disconnect();
      reader.disconnect();
    }
  });

  it('speaks no clear text and refuses a server certificate the CA did not sign', async () => {
    // raw RESP in clear: the TLS port closes the connection without an answer
    const answer = await new Promise<string>((resolve, reject) => {
      let received = '';
      const socket = createConnection(ports.primary, '127.0.0.1', () => socket.write(`AUTH cli ${env.REDIS_PASSWORD_CLI}\r\nPING\r\n`));
      socket.setTimeout(5000, () => socket.destroy(new Error('no close within 5 s')));
      socket.on('data', (data) => (received += data.toString('latin1')));
      socket.once('close', () => resolve(received));
      // a reset is as good a refusal as a close
      socket.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(received) : reject(error)));
    });
    expect(answer).not.toMatch(/\+OK|\+PONG/);
    // the system CAs do not know the deployment's CA (a raw socket: ioredis keeps a timer after a failed handshake)
    const refused = await new Promise<string>((resolve) => {
      const socket = tlsConnect({ port: ports.primary, host: '127.0.0.1' }, () => resolve('accepted'));
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    expect(refused).toBe('SELF_SIGNED_CERT_IN_CHAIN');
  });

  it('passes the compose healthcheck command (TLS, as the replica user)', () => {
    const { services } = loadScaleFile('deploy/scale/redis/compose.redis-node.yml');
    const [, script] = [services.redis.healthcheck?.test ?? []].flat();
    const local = interpolate(script, {}).replace('/usr/local/etc/redis/tls/ca.crt', ca).replace('redis-cli', `redis-cli -p ${ports.primary}`);
    const run = (password: string) => spawnSync('sh', ['-c', local], { env: { ...process.env, REDIS_PASSWORD_REPLICA: password } }).status;
    expect(run(env.REDIS_PASSWORD_REPLICA)).toBe(0);
    expect(run('wrong')).not.toBe(0);
  });

  it('Sentinel monitors the primary over TLS as the sentinel user, and asks its own clients for the password', async () => {
    const sentinel = new Redis({ port: ports.sentinel, host: '127.0.0.1', password: env.REDIS_PASSWORD_SENTINEL, tls: { ca: readFileSync(ca) }, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    sentinel.on('error', () => undefined);
    try {
      await sentinel.connect();
      const fields = await eventually(
        async () => {
          const master = (await sentinel.call('SENTINEL', 'MASTER', 'mirrorbook')) as string[];
          const fields = Object.fromEntries(master.flatMap((v, i) => (i % 2 === 0 ? [[v, master[i + 1]]] : [])));
          return fields.flags === 'master' && fields['num-slaves'] === '1' && fields;
        },
        15_000,
        'Sentinel seeing the primary up with its replica',
      );
      expect(fields.flags).toBe('master');
    } finally {
      sentinel.disconnect();
    }
    // raw RESP over TLS: a client library would hide the reply behind its own ready check
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = tlsConnect({ port: ports.sentinel, host: '127.0.0.1', ca: readFileSync(ca) }, () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        resolve(data.toString());
        socket.destroy();
      });
      socket.once('error', reject);
    });
    expect(reply).toMatch(/^-NOAUTH/);
  });
});
