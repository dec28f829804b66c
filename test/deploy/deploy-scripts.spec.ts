import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { natsPasswordVariable, redisPasswordVariable, serviceIdentities } from '@mirrorbook/access';
import { walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { ensureCompiled, REPO_ROOT } from '@mirrorbook/testing';
import { configuredWallets } from './support/compose.model';

const wallets = configuredWallets();
const KEY = /^(0x)?[0-9a-f]{64}$/i;

function run(command: string, args: string[], env: Record<string, string>, cwd = REPO_ROOT) {
  const result = spawnSync(command, args, { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('deploy/docker/demo-init.mjs (the sim profile demo-init service)', () => {
  let dir: string;
  const env = () => ({ CONFIG_DIR: 'config', SECRETS_DIR: join(dir, 'secrets'), GENESIS_FILE: join(dir, 'sim', 'sim-genesis.json'), APP_UID: String(process.getuid?.() ?? 1000) });

  // it runs the compiled scripts/demo-wallets.ts, as in the image
  beforeAll(() => ensureCompiled(), 120_000);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mb-demo-init-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a key file per wallet, readable by its owner only, and a genesis funding exactly those wallets', () => {
    const { status, out } = run(process.execPath, ['deploy/docker/demo-init.mjs'], env());
    expect({ status, out }).toEqual({ status: 0, out: expect.stringContaining('demo-init:') });
    const addresses = wallets.map(({ id }) => {
      const file = join(dir, 'secrets', `wallet_${id}`);
      expect(statSync(file).mode & 0o777).toBe(0o400);
      const key = readFileSync(file, 'utf8').trim();
      expect(key).toMatch(KEY);
      expect(out).not.toContain(key.replace(/^0x/, ''));
      return walletFromPrivateKey(key).injAddress;
    });
    const genesis = JSON.parse(readFileSync(join(dir, 'sim', 'sim-genesis.json'), 'utf8')) as { accounts: { address: string; balances: Record<string, string> }[] };
    expect(genesis.accounts.map((a) => a.address).sort()).toEqual(addresses.sort());
    for (const account of genesis.accounts) expect(Number(account.balances.inj)).toBeGreaterThan(0);
  });

  it('keeps the keys that exist (the demo wallets survive restarts) and adds missing ones', () => {
    mkdirSync(join(dir, 'secrets'), { recursive: true });
    const kept = `${'ab'.repeat(32)}`;
    writeFileSync(join(dir, 'secrets', `wallet_${wallets[0].id}`), `${kept}\n`, { mode: 0o400 });
    expect(run(process.execPath, ['deploy/docker/demo-init.mjs'], env()).status).toBe(0);
    expect(readFileSync(join(dir, 'secrets', `wallet_${wallets[0].id}`), 'utf8').trim()).toBe(kept);
    const genesis = readFileSync(join(dir, 'sim', 'sim-genesis.json'), 'utf8');
    expect(genesis).toContain(walletFromPrivateKey(kept).injAddress);
    for (const { id } of wallets.slice(1)) expect(readFileSync(join(dir, 'secrets', `wallet_${id}`), 'utf8').trim()).toMatch(KEY);
  });
});

describe('deploy/docker/preflight.mjs (the testnet profile testnet-preflight service)', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mb-preflight-'));
    for (const { id } of wallets) writeFileSync(join(dir, `wallet_${id}`), `0x${'1f'.repeat(32)}\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const preflight = (env: Record<string, string>) => run(process.execPath, ['deploy/docker/preflight.mjs'], { CONFIG_DIR: 'config', SECRETS_DIR: dir, ...env });

  it('passes with NETWORK=testnet and a key file for every wallet', () => {
    expect(preflight({ NETWORK: 'testnet' })).toEqual({ status: 0, out: expect.stringContaining(`${wallets.length} wallet(s)`) });
  });

  it('refuses (exit 78) the sim network, naming the fix', () => {
    expect(preflight({ NETWORK: 'sim' })).toEqual({ status: 78, out: expect.stringContaining('NETWORK=testnet') });
  });

  it('refuses a missing or malformed key file, naming the file and never its content', () => {
    rmSync(join(dir, `wallet_${wallets[0].id}`));
    const last = wallets[wallets.length - 1].id;
    writeFileSync(join(dir, `wallet_${last}`), 'not-a-key-but-secret-text');
    const { status, out } = preflight({ NETWORK: 'testnet' });
    expect(status).toBe(78);
    expect(out).toContain(`wallet_${wallets[0].id}: cannot read (ENOENT)`);
    if (wallets.length > 1) expect(out).toContain(`wallet_${last}: not a private key`);
    expect(out).not.toContain('not-a-key-but-secret-text');
  });

  it('refuses keys handed to every container through .env', () => {
    const { status, out } = preflight({ NETWORK: 'testnet', WALLET_W9_PRIVATE_KEY: `${'2e'.repeat(32)}` });
    expect(status).toBe(78);
    expect(out).toContain('WALLET_W9_PRIVATE_KEY is set');
    expect(out).not.toContain('2e'.repeat(32));
  });
});

describe('deploy/bin/init-env.sh', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mb-init-env-'));
    for (const dir of ['deploy/nats', 'deploy/redis', 'deploy/scale/redis']) mkdirSync(join(root, dir), { recursive: true });
    for (const file of ['.env.example', 'deploy/compose.env.example', 'deploy/nats/auth.conf', 'deploy/redis/users.acl.template', 'deploy/scale/redis/users.acl.template']) copyFileSync(join(REPO_ROOT, file), join(root, file));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const initEnv = () => run('sh', [join(REPO_ROOT, 'deploy', 'bin', 'init-env.sh')], { MIRRORBOOK_ROOT: root });
  const dotenv = () =>
    Object.fromEntries(
      readFileSync(join(root, '.env'), 'utf8')
        .split('\n')
        .filter((l) => /^[A-Z_][A-Z0-9_]*=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );

  const identities = serviceIdentities(wallets.map((w) => w.id));
  // deploy/scale's replication and Sentinel users come on top of the identities
  const identityPasswords = [
    ...identities.flatMap((i) => [natsPasswordVariable(i.name), ...(i.redis.read.length + i.redis.write.length > 0 ? [redisPasswordVariable(i.name)] : [])]),
    'REDIS_PASSWORD_REPLICA',
    'REDIS_PASSWORD_SENTINEL',
  ];
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  it('writes .env with random secrets that fit in URLs and NATS config values, and the Grafana password file, printing no value', () => {
    const { status, out } = initEnv();
    expect(status).toBe(0);
    const env = dotenv();
    const secrets = ['GATEWAY_TOKEN', ...identityPasswords];
    for (const name of secrets) {
      // a letter first: nats-server would read 1e5… from a $VARIABLE as a number
      expect({ name, value: env[name] }).toEqual({ name, value: expect.stringMatching(/^[A-Za-z][A-Za-z0-9]{31}$/) });
      expect(out).not.toContain(env[name]);
    }
    expect(new Set(secrets.map((name) => env[name])).size).toBe(secrets.length);
    expect(Object.keys(env).filter((name) => /^(NATS|REDIS)_PASSWORD/.test(name)).sort()).toEqual([...identityPasswords].sort());
    expect(env).toEqual(expect.objectContaining({ COMPOSE_PROFILES: 'sim', NETWORK: 'sim' }));
    expect(statSync(join(root, '.env')).mode & 0o077).toBe(0);
    expect(readFileSync(join(root, 'secrets', 'grafana_admin_password'), 'utf8')).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it('writes secrets/redis-users.acl: one user per Redis identity with the SHA-256 of its .env password, no password itself', () => {
    expect(initEnv().status).toBe(0);
    const env = dotenv();
    const acl = readFileSync(join(root, 'secrets', 'redis-users.acl'), 'utf8');
    expect(acl).not.toMatch(/^#|<sha256:/m);
    expect(acl.split('\n')[0]).toBe('user default off resetkeys resetchannels -@all');
    for (const identity of identities.filter((i) => i.redis.read.length + i.redis.write.length > 0)) {
      const password = env[redisPasswordVariable(identity.name)];
      expect(acl).toContain(`user ${identity.name} on #${sha256(password)} resetkeys `);
      expect(acl).not.toContain(password);
    }
    expect(statSync(join(root, 'secrets')).mode & 0o077).toBe(0);
    const scale = readFileSync(join(root, 'secrets', 'scale', 'redis-users.acl'), 'utf8');
    expect(scale.startsWith(acl)).toBe(true);
    expect(scale).toContain(`user replica on #${sha256(env.REDIS_PASSWORD_REPLICA)} `);
    expect(scale).toContain(`user sentinel on #${sha256(env.REDIS_PASSWORD_SENTINEL)} `);
  });

  it('fails, naming the generator, without the generated identity files', () => {
    rmSync(join(root, 'deploy', 'nats', 'auth.conf'));
    expect(initEnv()).toEqual({ status: 1, out: expect.stringContaining('scripts/compose-identities.ts') });
  });

  it('changes nothing that is set on a second run, and fills an empty assignment in place', () => {
    expect(initEnv().status).toBe(0);
    const first = dotenv();
    const acl = readFileSync(join(root, 'secrets', 'redis-users.acl'), 'utf8');
    const text = readFileSync(join(root, '.env'), 'utf8').replace(/^REDIS_PASSWORD_GATEWAY=.*$/m, 'REDIS_PASSWORD_GATEWAY=');
    writeFileSync(join(root, '.env'), text);
    expect(initEnv().status).toBe(0);
    const second = dotenv();
    expect({ ...second, REDIS_PASSWORD_GATEWAY: 'x' }).toEqual({ ...first, REDIS_PASSWORD_GATEWAY: 'x' });
    expect(second.REDIS_PASSWORD_GATEWAY).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(readFileSync(join(root, '.env'), 'utf8').match(/^REDIS_PASSWORD_GATEWAY=/gm)).toHaveLength(1);
    // the ACL follows .env: the gateway's new hash, every other line as it was
    const changed = readFileSync(join(root, 'secrets', 'redis-users.acl'), 'utf8').split('\n').filter((line, i) => line !== acl.split('\n')[i]);
    expect(changed).toEqual([expect.stringContaining(`user gateway on #${sha256(second.REDIS_PASSWORD_GATEWAY)} `)]);
  });
});
