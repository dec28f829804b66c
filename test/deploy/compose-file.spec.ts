import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { identityNameOf, natsPasswordVariable, redisPasswordVariable, serviceIdentities } from '@mirrorbook/access';
import { envSchema } from '@mirrorbook/config';
import { REPO_ROOT, serviceNodeFlags, writeConfigDir } from '@mirrorbook/testing';
import { composeIdentityFiles } from '../../scripts/compose-identities';
import { interpolate, interpolatedVariables } from './support/compose.interpolation';
import {
  appServices,
  COMPOSE_FILE,
  configuredWallets,
  environmentOf,
  EXECUTORS_FILE,
  loadComposeFile,
  loadComposeProject,
  repoText,
  type ComposeService,
} from './support/compose.model';
import { testBusPasswords } from './support/container.emulation';
import { environment, loadDockerfile, startCommand } from './support/dockerfile.model';

const project = loadComposeProject();
const services = Object.entries(project.services);
const dockerfile = loadDockerfile();
const wallets = configuredWallets();
const executors = services.filter(([name]) => name.startsWith('executor-'));
/** one-shot helpers: they run to completion and are never restarted */
const ONE_SHOTS = ['demo-init', 'testnet-preflight', 'cli'];
const longRunning = services.filter(([name]) => !ONE_SHOTS.includes(name));

function composeSpecValidator(): ValidateFunction {
  // test/deploy/fixtures/README.md says where the schema comes from
  const schema = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'compose-spec.json'), 'utf8')) as Record<string, unknown>;
  // the draft-07 meta-schema is Ajv's default; its https spelling is not a URI Ajv knows
  delete schema.$schema;
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

function targetOf(service: ComposeService): string {
  return service.build?.target ?? '';
}

function commandOf(service: ComposeService): string[] {
  if (service.command !== undefined) return [service.command].flat();
  return startCommand(dockerfile, targetOf(service));
}

function volumeSources(service: ComposeService): string[] {
  return (service.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':')[0] : (v.source ?? '')));
}

describe('docker-compose.yml', () => {
  describe('as a Compose file', () => {
    const validate = composeSpecValidator();

    it.each([COMPOSE_FILE, EXECUTORS_FILE])('%s parses and validates against the Compose specification schema', (file) => {
      const valid = validate(loadComposeFile(file));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });

    it('the validator refuses what Compose refuses (a misspelt key)', () => {
      const broken = loadComposeFile(COMPOSE_FILE);
      (broken.services.gateway as Record<string, unknown>).restrat = 'always';
      expect(validate(broken)).toBe(false);
    });

    it('includes the generated executors file with the repository as its project directory', () => {
      expect(loadComposeFile(COMPOSE_FILE).include).toEqual([{ path: EXECUTORS_FILE, project_directory: '.' }]);
    });

    it('resolves every interpolation with the variables init-env.sh provides', () => {
      const example = Object.fromEntries(
        [...repoText('.env.example').split('\n'), ...repoText('deploy/compose.env.example').split('\n')]
          .filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
      const env = { ...example, ...testBusPasswords(wallets.map((w) => w.id)), GATEWAY_TOKEN: 'token-0123456789abcdef' };
      for (const file of [COMPOSE_FILE, EXECUTORS_FILE]) expect(() => interpolate(repoText(file), env)).not.toThrow();
      expect(() => interpolate(repoText(COMPOSE_FILE), { ...env, NATS_PASSWORD_GATEWAY: '' })).toThrow(/NATS_PASSWORD_GATEWAY/);
      expect(() => interpolate(repoText(EXECUTORS_FILE), { ...env, [redisPasswordVariable(`executor-${wallets[0].id}`)]: '' })).toThrow(/REDIS_PASSWORD_EXECUTOR_/);
    });

    it('documents every variable it interpolates in .env.example or deploy/compose.env.example', () => {
      const documented = `${repoText('.env.example')}\n${repoText('deploy/compose.env.example')}`;
      // one per identity: compose.env.example documents the pattern, init-env.sh sets them all
      const identityPasswords = testBusPasswords(wallets.map((w) => w.id));
      expect(documented).toMatch(/NATS_PASSWORD_<IDENTITY>/);
      expect(documented).toMatch(/REDIS_PASSWORD_<IDENTITY>/);
      for (const file of [COMPOSE_FILE, EXECUTORS_FILE]) {
        for (const name of interpolatedVariables(repoText(file)).keys()) {
          if (name in identityPasswords) continue;
          expect({ name, documented: new RegExp(`^#?\\s*${name}=`, 'm').test(documented) }).toEqual({ name, documented: true });
        }
      }
    });
  });

  describe('images and commands', () => {
    const stages = new Set(dockerfile.stages.map((s) => s.name));

    it.each(appServices(project))('%s builds an existing Dockerfile target', (_name, service) => {
      expect(service.build?.context).toBe('.');
      expect(stages).toContain(targetOf(service));
      expect(service.image).toMatch(new RegExp(`^mirrorbook/${targetOf(service)}:`));
    });

    it.each(appServices(project))('%s starts a file that exists in the image (compiled from one in the repository)', (_name, service) => {
      const files = commandOf(service).filter((arg) => /\.(ts|mjs|js)$/.test(arg));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const source = file.replace(/^dist\/(.*)\.js$/, '$1.ts');
        expect(readFileSync(join(REPO_ROOT, source), 'utf8').length).toBeGreaterThan(0);
        expect(file).toMatch(/^(dist\/(apps|scripts)|deploy\/docker)\//);
      }
    });

    it('runs each app service with its own app, compiled', () => {
      for (const name of ['price-feed', 'strategy', 'gateway', 'injective-sim']) {
        expect(commandOf(project.services[name])).toEqual(['node', ...serviceNodeFlags(), `dist/apps/${name}/src/main.js`]);
      }
      for (const [, service] of executors) expect(commandOf(service)).toEqual(['node', ...serviceNodeFlags(), 'dist/apps/executor/src/main.js']);
    });

    it('gives every app service its image default HTTP_PORT, so health checks and scrapes agree', () => {
      for (const [name, service] of appServices(project).filter(([, s]) => s.command === undefined)) {
        expect({ name, port: environmentOf(service).HTTP_PORT }).toEqual({ name, port: environment(dockerfile, targetOf(service)).HTTP_PORT });
      }
    });
  });

  describe('environment', () => {
    const shape = Object.keys(envSchema.shape);
    const envExample = repoText('.env.example');

    it('hands .env to every app container', () => {
      for (const [name, service] of appServices(project)) {
        if (name === 'demo-init') continue;
        expect({ name, envFile: service.env_file }).toEqual({ name, envFile: ['.env'] });
      }
    });

    it.each(shape)('%s of the env schema is set for the containers or documented in .env.example', (variable) => {
      const setSomewhere = appServices(project).some(([, s]) => variable in environmentOf(s));
      const documented = new RegExp(`^#?\\s*${variable}=`, 'm').test(envExample);
      expect({ variable, setOrDocumented: setSomewhere || documented }).toEqual({ variable, setOrDocumented: true });
    });

    it('overrides the host-only values of .env for every app service', () => {
      for (const [name, service] of appServices(project).filter(([n]) => !['demo-init', 'testnet-preflight'].includes(n))) {
        const env = environmentOf(service);
        expect({ name, host: env.HTTP_HOST, nats: env.NATS_URL, sim: env.SIM_LCD_URL }).toEqual({
          name,
          host: '0.0.0.0',
          nats: expect.stringMatching(/@nats:4222$/),
          sim: 'http://injective-sim:7700',
        });
        if (env.REDIS_URL !== undefined) expect({ name, redis: env.REDIS_URL }).toEqual({ name, redis: expect.stringMatching(/@redis:6379$/) });
      }
    });

    it('sets no variable an app does not read', () => {
      const known = new Set([...shape, 'NODE_OPTIONS', 'SIM_GENESIS_FILE', ...wallets.map((w) => `WALLET_${w.id.toUpperCase()}_PRIVATE_KEY_FILE`)]);
      const simLoader = repoText('apps/injective-sim/src/config/sim-config.loader.ts');
      expect(simLoader).toContain('SIM_GENESIS_FILE');
      const demoInit = repoText('deploy/docker/demo-init.mjs');
      for (const [name, service] of appServices(project)) {
        for (const variable of Object.keys(environmentOf(service))) {
          const read = known.has(variable) || (name === 'demo-init' && demoInit.includes(`process.env.${variable}`));
          expect({ service: name, variable, read }).toEqual({ service: name, variable, read: true });
        }
      }
    });
  });

  describe('secrets', () => {
    const SECRET_NAME = /(PASSWORD|TOKEN|PRIVATE_KEY|MNEMONIC|SECRET(?!S_DIR$))/i;

    it('holds no secret value: secret-named variables are interpolated from .env or point to a file', () => {
      for (const [name, service] of services) {
        for (const [variable, value] of Object.entries(environmentOf(service))) {
          if (!SECRET_NAME.test(variable)) continue;
          const fromEnvOrFile = /^\$\{[A-Z_][A-Z0-9_]*(:?[-?][^}]*)?\}$/.test(value) || (variable.endsWith('_FILE') && value.startsWith('/run/secrets/'));
          expect({ service: name, variable, fromEnvOrFile }).toEqual({ service: name, variable, fromEnvOrFile: true });
        }
      }
      for (const file of [COMPOSE_FILE, EXECUTORS_FILE]) {
        const text = repoText(file);
        expect(text).not.toMatch(/(?<![0-9a-fA-F])(0x)?[0-9a-fA-F]{64}(?![0-9a-fA-F])/);
        expect(text).not.toMatch(/^\s*[A-Z_]*(PASSWORD|TOKEN)\s*[:=]\s*(?!\$\{)\S/m);
        // credentials inside URLs come from .env too
        // credentials inside URLs: an identity name and a password from .env
        for (const match of text.matchAll(/[a-z]+:\/\/([^@\s/]*)@/g)) expect(match[1]).toMatch(/^[a-z0-9_-]+:\$\{[^}]+\}$/);
      }
    });

    it('gives each executor exactly its own wallet key, as a compose secret file', () => {
      expect(executors.map(([name]) => name).sort()).toEqual(wallets.map((w) => `executor-${w.id}`).sort());
      for (const { id } of wallets) {
        const service = project.services[`executor-${id}`];
        const env = environmentOf(service);
        expect(env.WALLET_ID).toBe(id);
        expect(env[`WALLET_${id.toUpperCase()}_PRIVATE_KEY_FILE`]).toBe(`/run/secrets/wallet_${id}`);
        expect(Object.keys(env).filter((k) => /^WALLET_.*_PRIVATE_KEY(_FILE)?$/.test(k))).toEqual([`WALLET_${id.toUpperCase()}_PRIVATE_KEY_FILE`]);
        expect(service.secrets).toEqual([`wallet_${id}`]);
        expect(project.secrets?.[`wallet_${id}`]).toEqual({ file: `./secrets/wallet_${id}` });
      }
    });

    it('mounts no wallet secret into any other service than its executor and the testnet preflight', () => {
      for (const [name, service] of services) {
        const walletSecrets = (service.secrets ?? []).map((s) => (typeof s === 'string' ? s : s.source)).filter((s) => s.startsWith('wallet_'));
        if (name === 'testnet-preflight' || name.startsWith('executor-')) continue;
        expect({ name, walletSecrets }).toEqual({ name, walletSecrets: [] });
      }
    });

    it('reads secret files from ./secrets, which git and the build context ignore', () => {
      for (const secret of Object.values(project.secrets ?? {})) expect(secret.file).toMatch(/^\.\/secrets\/[a-z0-9_]+$/);
      expect(repoText('.gitignore')).toMatch(/^secrets\/$/m);
      expect(repoText('.dockerignore')).toMatch(/^secrets$/m);
    });
  });

  describe('bus identities (libs/access)', () => {
    const table = serviceIdentities(wallets.map((w) => w.id));
    /** Services that connect to the bus: every app service but the one-shot helpers. */
    const busServices = appServices(project).filter(([n]) => !['demo-init', 'testnet-preflight'].includes(n));
    const identityOf = (service: ComposeService) => identityNameOf(targetOf(service), environmentOf(service).WALLET_ID ?? environmentOf(service).EXECUTOR_WALLETS);
    const required = (variable: string) => `\${${variable}:?set ${variable} in .env (deploy/bin/init-env.sh)}`;

    it.each(busServices)('%s connects to NATS and Redis as its own identity, with that identity\'s passwords from .env', (_name, service) => {
      const name = identityOf(service);
      const identity = table.find((i) => i.name === name);
      expect(identity).toBeDefined();
      const env = environmentOf(service);
      expect(env.NATS_URL).toBe(`nats://${name}:${required(natsPasswordVariable(name))}@nats:4222`);
      const usesRedis = identity!.redis.read.length + identity!.redis.write.length > 0;
      expect(env.REDIS_URL).toBe(usesRedis ? `redis://${name}:${required(redisPasswordVariable(name))}@redis:6379` : undefined);
    });

    it('gives every identity of the table to exactly one service, and no NATS or Redis user to the helpers', () => {
      expect(busServices.map(([, s]) => identityOf(s)).sort()).toEqual(table.map((i) => i.name).sort());
      for (const name of ['demo-init', 'testnet-preflight']) {
        const env = environmentOf(project.services[name]);
        expect({ name, nats: env.NATS_URL, redis: env.REDIS_URL }).toEqual({ name, nats: undefined, redis: undefined });
      }
    });

    it('leaves no shared user: no NATS_USER, NATS_PASSWORD or REDIS_PASSWORD, no --requirepass', () => {
      for (const file of [COMPOSE_FILE, EXECUTORS_FILE]) {
        const variables = [...interpolatedVariables(repoText(file)).keys()];
        expect(variables.filter((v) => ['NATS_USER', 'NATS_PASSWORD', 'REDIS_PASSWORD'].includes(v))).toEqual([]);
        expect(repoText(file)).not.toContain('requirepass');
      }
      expect(repoText('deploy/nats/nats.conf')).not.toMatch(/\$NATS_USER|\$NATS_PASSWORD\b/);
    });

    it('NATS reads the generated users (auth.conf, included by nats.conf and mounted next to it) with passwords from .env', () => {
      const nats = project.services.nats;
      expect(repoText('deploy/nats/nats.conf')).toMatch(/^include \.\/auth\.conf$/m);
      expect(nats.volumes).toEqual(expect.arrayContaining(['./deploy/nats/nats.conf:/etc/nats/nats.conf:ro', './deploy/nats/auth.conf:/etc/nats/auth.conf:ro']));
      expect(nats.env_file).toEqual(['.env']);
      const auth = repoText('deploy/nats/auth.conf');
      for (const { name } of table) expect(auth).toContain(`user: "${name}"\n      password: $${natsPasswordVariable(name)}\n`);
    });

    it('Redis loads the ACL file init-env.sh writes, and its health check pings as the read-only cli identity', () => {
      const redis = project.services.redis;
      expect(redis.command).toEqual(['redis-server', '/usr/local/etc/redis/redis.conf', '--aclfile', '/usr/local/etc/redis/users.acl']);
      expect(redis.volumes).toContain('./secrets/redis-users.acl:/usr/local/etc/redis/users.acl:ro');
      expect(environmentOf(redis)).toEqual({ REDIS_PASSWORD_CLI: required('REDIS_PASSWORD_CLI') });
      expect([redis.healthcheck?.test ?? []].flat().join(' ')).toContain('REDISCLI_AUTH="$$REDIS_PASSWORD_CLI" redis-cli --user cli ping');
      expect(repoText('deploy/bin/init-env.sh')).toContain('deploy/redis/users.acl.template:secrets/redis-users.acl');
    });
  });

  describe('safety', () => {
    it('mounts the Docker socket nowhere and runs nothing privileged', () => {
      for (const [name, service] of services) {
        expect({ name, socket: volumeSources(service).filter((s) => s.includes('docker.sock')) }).toEqual({ name, socket: [] });
        expect(service.privileged).not.toBe(true);
      }
      for (const file of [COMPOSE_FILE, EXECUTORS_FILE]) expect(repoText(file)).not.toContain('docker.sock');
    });

    it('drops every capability of the app containers', () => {
      for (const [name, service] of appServices(project).filter(([n]) => n !== 'demo-init')) {
        expect({ name, capDrop: service.cap_drop, noNewPrivileges: service.security_opt }).toEqual({
          name,
          capDrop: ['ALL'],
          noNewPrivileges: ['no-new-privileges:true'],
        });
      }
    });
  });

  describe('scaling', () => {
    it('lets strategy scale: no published port, no container name', () => {
      expect(project.services.strategy.ports).toBeUndefined();
      expect(project.services.strategy.container_name).toBeUndefined();
    });

    it('names no container anywhere, so any service can run a second replica (executor standbys too)', () => {
      for (const [name, service] of services) expect({ name, containerName: service.container_name }).toEqual({ name, containerName: undefined });
      for (const [name, service] of executors) expect({ name, ports: service.ports }).toEqual({ name, ports: undefined });
    });

    it('publishes the gateway on container port 8080', () => {
      expect(project.services.gateway.ports).toEqual([expect.stringMatching(/:8080$/)]);
    });
  });

  describe('the gateway', () => {
    it('takes its token from .env (deploy/bin/init-env.sh generates it), never the public demo token', () => {
      expect(environmentOf(project.services.gateway).GATEWAY_TOKEN).toMatch(/^\$\{GATEWAY_TOKEN:\?/);
      for (const file of [COMPOSE_FILE, '.env.example', 'deploy/compose.env.example']) expect({ file, demo: repoText(file).includes('demo-token') }).toEqual({ file, demo: false });
    });

    it('opts into plain HTTP on the container address (it refuses to start otherwise), published on loopback by default', () => {
      expect(environmentOf(project.services.gateway)).toMatchObject({ HTTP_HOST: '0.0.0.0', GATEWAY_ALLOW_PLAIN_HTTP: 'true' });
      expect(project.services.gateway.ports).toEqual(['${GATEWAY_PUBLISH:-127.0.0.1:8080}:8080']);
    });
  });

  describe('lifecycle', () => {
    it('restarts every long-running service unless stopped, and no one-shot', () => {
      for (const [name, service] of longRunning) expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
      for (const name of ONE_SHOTS) expect({ name, restart: project.services[name].restart }).toEqual({ name, restart: 'no' });
    });

    it('limits the memory of every service', () => {
      for (const [name, service] of services) expect({ name, memLimit: service.mem_limit }).toEqual({ name, memLimit: expect.stringMatching(/^\d+[mg]$/) });
    });

    it('rotates every service log (json-file with max-size and max-file)', () => {
      for (const [name, service] of services) {
        expect({ name, logging: service.logging }).toEqual({
          name,
          logging: {
            driver: 'json-file',
            options: { 'max-size': expect.stringMatching(/^\d+m$/), 'max-file': expect.stringMatching(/^\d+$/), compress: 'true' },
          },
        });
      }
    });

    it('starts the apps only once NATS and Redis are healthy, and after the simulator when it runs', () => {
      for (const name of ['price-feed', 'strategy', 'gateway', ...executors.map(([n]) => n)]) {
        expect({ name, dependsOn: project.services[name].depends_on }).toEqual({
          name,
          dependsOn: expect.objectContaining({
            nats: { condition: 'service_healthy' },
            redis: { condition: 'service_healthy' },
            'injective-sim': { condition: 'service_healthy', required: false },
          }),
        });
      }
      expect(project.services['injective-sim'].depends_on).toEqual({
        nats: { condition: 'service_healthy' },
        'demo-init': { condition: 'service_completed_successfully' },
      });
      for (const [, service] of executors) {
        expect(service.depends_on?.['testnet-preflight']).toEqual({ condition: 'service_completed_successfully', required: false });
      }
    });

    it('health-checks every service another one waits for', () => {
      for (const [, service] of services) {
        for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
          if (condition !== 'service_healthy') continue;
          const target = project.services[dependency];
          const checked = target.healthcheck?.test !== undefined || (target.build !== undefined && target.healthcheck?.disable !== true);
          expect({ dependency, checked }).toEqual({ dependency, checked: true });
        }
      }
    });
  });

  describe('profiles', () => {
    it.each([
      ['injective-sim', ['sim']],
      ['demo-init', ['sim']],
      ['testnet-preflight', ['testnet']],
      ['prometheus', ['observability']],
      ['grafana', ['observability']],
      ['cli', ['tools']],
    ])('puts %s in %p', (name, profiles) => {
      expect(project.services[name as string].profiles).toEqual(profiles);
    });

    it('always runs NATS, Redis, the price feed, strategy, the gateway and the executors', () => {
      for (const name of ['nats', 'redis', 'price-feed', 'strategy', 'gateway', ...executors.map(([n]) => n)]) {
        expect({ name, profiles: project.services[name].profiles }).toEqual({ name, profiles: undefined });
      }
    });

    it('keeps NATS and Redis data and the sim genesis on named volumes', () => {
      expect(volumeSources(project.services.nats)).toContain('nats-data');
      expect(volumeSources(project.services.redis)).toContain('redis-data');
      expect(Object.keys(project.volumes ?? {})).toEqual(expect.arrayContaining(['nats-data', 'redis-data', 'sim-genesis']));
    });
  });
});

describe('scripts/compose-identities.ts', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/compose-identities.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });

  it('finds the NATS users, the Redis ACL template and the identities table of docs/architecture.md current with the access table', () => {
    const result = run(['--check']);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('reports drift: other wallets than the committed files were generated for fail the check, naming the files', () => {
    const config = writeConfigDir({ bots: { wallets: [...wallets, { id: 'zz9' }], bots: [] } });
    try {
      const result = run(['--check', '--config-dir', config.dir]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('deploy/nats/auth.conf is out of date');
      expect(result.stderr).toContain('deploy/redis/users.acl.template is out of date');
      expect(result.stderr).not.toContain('docs/architecture.md');
    } finally {
      config.remove();
    }
  });
});

describe('scripts/compose-executors.mjs', () => {
  it('finds deploy/compose.executors.yml current with config/bots.json', () => {
    const result = spawnSync(process.execPath, ['scripts/compose-executors.mjs', '--check'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('writes one executor and one secret per wallet, a valid Compose file', () => {
    const config = writeConfigDir({ bots: { wallets: [{ id: 'a1' }, { id: 'b_2' }, { id: 'c3' }], bots: [] } });
    try {
      const out = config.path('executors.yml');
      execFileSync(process.execPath, ['scripts/compose-executors.mjs', '--config-dir', config.dir, '--out', out], { cwd: REPO_ROOT });
      const generated = parse(readFileSync(out, 'utf8'), { merge: true }) as { services: Record<string, ComposeService>; secrets: Record<string, unknown> };
      expect(Object.keys(generated.services)).toEqual(['executor-a1', 'executor-b_2', 'executor-c3', 'testnet-preflight']);
      expect(environmentOf(generated.services['executor-b_2']).WALLET_B_2_PRIVATE_KEY_FILE).toBe('/run/secrets/wallet_b_2');
      expect(environmentOf(generated.services['executor-b_2']).NATS_URL).toMatch(/^nats:\/\/executor-b_2:\$\{NATS_PASSWORD_EXECUTOR_B_2:\?/);
      expect(generated.services['testnet-preflight'].secrets).toEqual(['wallet_a1', 'wallet_b_2', 'wallet_c3']);
      expect(generated.secrets).toEqual({
        wallet_a1: { file: './secrets/wallet_a1' },
        wallet_b_2: { file: './secrets/wallet_b_2' },
        wallet_c3: { file: './secrets/wallet_c3' },
      });
      expect(composeSpecValidator()(generated)).toBe(true);
    } finally {
      config.remove();
    }
  });

  describe('--executor-group (several wallets in one process)', () => {
    const generate = (dir: string, out: string, ...args: string[]) =>
      spawnSync(process.execPath, ['scripts/compose-executors.mjs', '--config-dir', dir, '--out', out, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

    it('writes one executor for the grouped wallets (EXECUTOR_WALLETS, both secrets, the group\'s identity) and one per other wallet', () => {
      const config = writeConfigDir({ bots: { wallets: [{ id: 'a1' }, { id: 'b_2' }, { id: 'c3' }], bots: [] } });
      try {
        const out = config.path('executors.yml');
        expect(generate(config.dir, out, '--executor-group', 'a1,c3').status).toBe(0);
        const generated = parse(readFileSync(out, 'utf8'), { merge: true }) as { services: Record<string, ComposeService>; secrets: Record<string, unknown> };
        expect(Object.keys(generated.services)).toEqual(['executor-a1-c3', 'executor-b_2', 'testnet-preflight']);
        const group = environmentOf(generated.services['executor-a1-c3']);
        expect(group.EXECUTOR_WALLETS).toBe('a1,c3');
        expect(group.WALLET_ID).toBeUndefined();
        expect(group.WALLET_A1_PRIVATE_KEY_FILE).toBe('/run/secrets/wallet_a1');
        expect(group.WALLET_C3_PRIVATE_KEY_FILE).toBe('/run/secrets/wallet_c3');
        expect(group.WALLET_B_2_PRIVATE_KEY_FILE).toBeUndefined();
        expect(generated.services['executor-a1-c3'].secrets).toEqual(['wallet_a1', 'wallet_c3']);
        expect(environmentOf(generated.services['executor-b_2']).WALLET_ID).toBe('b_2');
        expect(generated.services['testnet-preflight'].secrets).toEqual(['wallet_a1', 'wallet_b_2', 'wallet_c3']);
        expect(composeSpecValidator()(generated)).toBe(true);

        // the identity it connects as is the access table's, with exactly the NATS user and Redis ACL line compose-identities writes
        const identity = identityNameOf('executor', group.EXECUTOR_WALLETS);
        expect(identity).toBe('executor-a1-c3');
        expect(group.NATS_URL).toBe(`nats://${identity}:\${${natsPasswordVariable(identity)}:?set ${natsPasswordVariable(identity)} in .env (deploy/bin/init-env.sh)}@nats:4222`);
        expect(group.REDIS_URL).toContain(`redis://${identity}:\${${redisPasswordVariable(identity)}:?`);
        const files = composeIdentityFiles(['a1', 'b_2', 'c3'], '<!-- identities:begin (generated by scripts/compose-identities.ts: do not edit) --><!-- identities:end -->', [['a1', 'c3']]);
        const users = [...files['deploy/nats/auth.conf']!.matchAll(/user: "([^"]+)"/g)].map((m) => m[1]);
        expect(users.filter((u) => u!.startsWith('executor-'))).toEqual(['executor-a1-c3', 'executor-b_2']);
        const acl = files['deploy/redis/users.acl.template']!.split('\n').find((l) => l.startsWith(`user ${identity} `))!;
        expect(acl).toContain('%RW~seq:a1');
        expect(acl).toContain('%RW~seq:c3');
        expect(acl).not.toContain('b_2');
      } finally {
        config.remove();
      }
    });

    it('refuses, in one line with exit 2, a group of one wallet or of a wallet config/bots.json does not list', () => {
      const config = writeConfigDir({ bots: { wallets: [{ id: 'a1' }, { id: 'b_2' }], bots: [] } });
      try {
        const out = config.path('executors.yml');
        const single = generate(config.dir, out, '--executor-group', 'a1');
        expect({ status: single.status, stderr: single.stderr }).toEqual({
          status: 2,
          stderr: 'compose-executors: executor group a1: a group has at least two wallets (one wallet per process is the default)\n',
        });
        const unknown = generate(config.dir, out, '--executor-group', 'a1,zz');
        expect(unknown.stderr).toBe('compose-executors: executor group a1,zz: wallet zz is not a wallet of config/bots.json\n');
      } finally {
        config.remove();
      }
    });
  });
});
