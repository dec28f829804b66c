import { chmodSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { writeWalletKeyFile, type ConfigDir } from '@mirrorbook/testing';
import { KEYS, parseJson, runCli, writeTestConfig } from './cli.harness';
import { configCheckOutput, walletNewOutput } from './cli-output.schemas';

describe('mirrorbook commands that need no servers', () => {
  let config: ConfigDir;
  let scratch: string;

  beforeAll(() => {
    config = writeTestConfig();
    scratch = mkdtempSync(join(tmpdir(), 'mirrorbook-cli-scratch-'));
  });

  afterAll(() => {
    config.remove();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** `WALLET_<ID>_PRIVATE_KEY_FILE` naming a fresh file holding `key`. */
  const keyFile = (walletId: string, key: string, mode = 0o600) => writeWalletKeyFile(mkdtempSync(join(scratch, 'key-')), walletId, key, mode);

  describe('--help', () => {
    it('lists every command and documents the exit codes', async () => {
      const run = await runCli(['--help'], {});
      expect(run.code).toBe(0);
      for (const command of ['balances', 'orders', 'positions', 'cancel', 'close-positions', 'compare', 'preflight', 'health', 'wallet', 'config', 'monitor']) {
        expect(run.stdout).toContain(command);
      }
      expect(run.stdout).toMatch(/Exit codes:[\s\S]*0 +ok[\s\S]*1 +check failed[\s\S]*2 +usage[\s\S]*3 +refused[\s\S]*4 +network error[\s\S]*78 +configuration/);
    });
  });

  describe('when the command line is wrong', () => {
    it.each([
      ['an unknown option', ['orders', '--bogus']],
      ['an unknown command', ['frobnicate']],
      ['cancel without --market or --all', ['cancel', '--wallet', 'w1']],
      ['cancel with both --market and --all', ['cancel', '--wallet', 'w1', '--market', 'inj-usdt', '--all']],
      ['cancel without --wallet', ['cancel', '--all']],
      ['a --max-gap that is no number', ['compare', '--max-gap', 'wide']],
      ['an unknown network', ['--network', 'devnet', 'orders']],
    ])('exits 2 for %s, with one line on stderr', async (_what, args) => {
      const run = await runCli(args, { CONFIG_DIR: config.dir });
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')[0]).toMatch(/^(error|mirrorbook): /);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  });

  describe('wallet new', () => {
    describe('with --out', () => {
      it('writes the key with mode 0600 and prints only its address', async () => {
        const file = join(scratch, 'w-new.key');
        const run = await runCli(['wallet', 'new', '--out', file, '--json'], {});
        expect(run.code).toBe(0);
        const out = parseJson(walletNewOutput, run);
        const key = readFileSync(file, 'utf8').trim();
        expect(key).toMatch(/^[0-9a-f]{64}$/);
        expect(statSync(file).mode & 0o777).toBe(0o600);
        expect(out).toEqual({
          address: walletFromPrivateKey(key).injAddress,
          ethAddress: walletFromPrivateKey(key).ethAddress,
          subaccountId: walletFromPrivateKey(key).subaccountId,
          keyFile: file,
        });
        expect(run.stdout + run.stderr).not.toContain(key);
      });

      it('refuses to overwrite an existing key file unless --force', async () => {
        const file = join(scratch, 'existing.key');
        writeFileSync(file, 'precious\n', { mode: 0o600 });
        const refused = await runCli(['wallet', 'new', '--out', file], {});
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('exists; not overwriting');
        expect(readFileSync(file, 'utf8')).toBe('precious\n');
        const forced = await runCli(['wallet', 'new', '--out', file, '--force'], {});
        expect(forced.code).toBe(0);
        expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
      });

      it('with --force over a 0644 file, leaves a 0600 file', async () => {
        const file = join(scratch, 'loose.key');
        writeFileSync(file, 'old\n');
        chmodSync(file, 0o644);
        const forced = await runCli(['wallet', 'new', '--out', file, '--force'], {});
        expect(forced.code).toBe(0);
        expect(statSync(file).mode & 0o777).toBe(0o600);
        expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
      });

      it('never writes through a symlink at --out: refuses it, and --force replaces the link itself with a 0600 file', async () => {
        const target = join(scratch, 'link-target');
        writeFileSync(target, 'untouched\n');
        chmodSync(target, 0o644);
        const link = join(scratch, 'linked.key');
        symlinkSync(target, link);
        const dangling = join(scratch, 'dangling.key');
        symlinkSync(join(scratch, 'nowhere'), dangling);

        expect((await runCli(['wallet', 'new', '--out', link], {})).code).toBe(2);
        expect((await runCli(['wallet', 'new', '--out', dangling], {})).code).toBe(2);
        expect((await runCli(['wallet', 'new', '--out', link, '--force'], {})).code).toBe(0);
        expect((await runCli(['wallet', 'new', '--out', dangling, '--force'], {})).code).toBe(0);

        expect(readFileSync(target, 'utf8')).toBe('untouched\n');
        expect(() => statSync(join(scratch, 'nowhere'))).toThrow();
        for (const file of [link, dangling]) {
          expect(lstatSync(file).isSymbolicLink()).toBe(false);
          expect(lstatSync(file).mode & 0o777).toBe(0o600);
          expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
        }
      });
    });

    describe('with --show-secret', () => {
      it('prints the key next to the address it makes', async () => {
        const run = await runCli(['wallet', 'new', '--show-secret', '--json'], {});
        const out = parseJson(walletNewOutput, run);
        expect(out.privateKey).toBeDefined();
        expect(walletFromPrivateKey(out.privateKey as string).injAddress).toBe(out.address);
      });
    });

    describe('without --out or --show-secret', () => {
      it('refuses (a key nobody keeps is useless) with exit 2', async () => {
        const run = await runCli(['wallet', 'new'], {});
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
      });
    });
  });

  describe('config check', () => {
    describe('when config/ and the environment are fine', () => {
      it('exits 0 and reports the wallets whose keys it holds, never the key', async () => {
        const run = await runCli(['config', 'check', '--json'], { CONFIG_DIR: config.dir, ...keyFile('w1', KEYS.alice) });
        expect(run.code).toBe(0);
        const out = parseJson(configCheckOutput, run);
        expect(out).toMatchObject({ ok: true, problems: [], counts: { markets: 3, wallets: 2, bots: 2 } });
        expect(out.wallets).toEqual([
          { wallet: 'w1', key: 'ok', variable: 'WALLET_W1_PRIVATE_KEY_FILE', address: walletFromPrivateKey(KEYS.alice).injAddress },
          { wallet: 'w2', key: 'absent', variable: null, address: null },
        ]);
        expect(run.stdout).not.toContain(KEYS.alice);
      });
    });

    describe('when several things are wrong at once', () => {
      let broken: ConfigDir;

      beforeAll(() => {
        broken = writeTestConfig({ wallets: [{ id: 'w1' }], bots: [{ id: 'b', wallet: 'w9', markets: ['inj-usdx'] }] });
      });

      afterAll(() => broken.remove());

      it('prints every problem in one run and exits 78', async () => {
        const run = await runCli(['config', 'check'], { CONFIG_DIR: broken.dir, ...keyFile('w1', 'zz'.repeat(32)) });
        expect(run.code).toBe(78);
        expect(run.stdout).toContain('bots[0].wallet: unknown wallet "w9"');
        expect(run.stdout).toContain('bots[0].markets[0]: unknown market "inj-usdx"');
        expect(run.stdout).toMatch(/2 problems found/);
        expect(run.stdout).not.toContain('zz'.repeat(32));
      });

      it('names an unusable key of a valid config as a problem', async () => {
        const run = await runCli(['config', 'check', '--json'], { CONFIG_DIR: config.dir, ...keyFile('w2', '00'.repeat(32)) });
        expect(run.code).toBe(78);
        expect(parseJson(configCheckOutput, run).problems).toEqual(['env: WALLET_W2_PRIVATE_KEY_FILE is not a usable private key: private key is not a valid secp256k1 scalar']);
      });

      it('refuses an inline key, telling to use the key file variable', async () => {
        const run = await runCli(['config', 'check', '--json'], { CONFIG_DIR: config.dir, WALLET_W1_PRIVATE_KEY: KEYS.alice });
        expect(run.code).toBe(78);
        const [problem] = parseJson(configCheckOutput, run).problems;
        expect(problem).toContain('WALLET_W1_PRIVATE_KEY is refused');
        expect(problem).toContain('set WALLET_W1_PRIVATE_KEY_FILE to its path');
        expect(run.stdout + run.stderr).not.toContain(KEYS.alice);
      });

      it('refuses a key file group or others can read, naming the variable and chmod 600', async () => {
        const env = keyFile('w1', KEYS.alice, 0o644);
        const run = await runCli(['config', 'check', '--json'], { CONFIG_DIR: config.dir, ...env });
        expect(run.code).toBe(78);
        expect(parseJson(configCheckOutput, run).problems).toEqual([
          `env: WALLET_W1_PRIVATE_KEY_FILE names a file that group or others can access (mode 0644): run chmod 600 ${env.WALLET_W1_PRIVATE_KEY_FILE}`,
        ]);
      });
    });
  });

  describe('commands that need the configuration', () => {
    it('exit 78 with the problem when config/ is unusable', async () => {
      const run = await runCli(['orders'], { CONFIG_DIR: join(scratch, 'nowhere') });
      expect(run.code).toBe(78);
      expect(run.stderr).toContain('invalid configuration');
      expect(run.stderr).toContain('markets.json: file not found');
    });
  });
});
