import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Heartbeat } from '@mirrorbook/contracts';
import { eventually, writeWalletKeyFile } from '@mirrorbook/testing';
import { ExecutorHarness } from '@mirrorbook/testing/stack';

const EXIT_CONFIG = 78;

describe('executor: wallet identity', () => {
  let h: ExecutorHarness;
  let secrets: string;

  beforeAll(async () => {
    h = await ExecutorHarness.start({ wallets: 1 });
    secrets = mkdtempSync(join(tmpdir(), 'mb-exec-secret-'));
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    rmSync(secrets, { recursive: true, force: true });
  });

  const heartbeats = (instance: string) =>
    h.allMessages.filter((m) => m.subject === `svc.heartbeat.executor.${instance}`).map((m) => JSON.parse(m.data) as Heartbeat);

  describe('when the key is missing or unusable', () => {
    it('exits with 78 naming the variable to set', async () => {
      const proc = h.startExecutor(h.wallets[0], { WALLET_TW1_PRIVATE_KEY_FILE: '' });
      expect((await proc.exited).code).toBe(EXIT_CONFIG);
      expect(proc.logs()).toContain('executor: invalid configuration: wallet tw1 has no key: set WALLET_TW1_PRIVATE_KEY_FILE to a key file (chmod 600)');
    });

    it('exits with 78 naming the variable, never its value, for a malformed key', async () => {
      const bad = 'f'.repeat(64);
      const proc = h.startExecutor(h.wallets[0], writeWalletKeyFile(mkdtempSync(join(secrets, 'bad-')), 'tw1', bad));
      expect((await proc.exited).code).toBe(EXIT_CONFIG);
      expect(proc.logs()).toContain('WALLET_TW1_PRIVATE_KEY_FILE is not a usable private key');
      expect(proc.logs().toLowerCase()).not.toContain(bad);
    });

    it('exits with 78 for an inline key, telling to use the key file variable', async () => {
      const [wallet] = h.wallets;
      const proc = h.startExecutor(wallet, { WALLET_TW1_PRIVATE_KEY: wallet.key });
      expect((await proc.exited).code).toBe(EXIT_CONFIG);
      expect(proc.logs()).toContain('executor: invalid configuration: WALLET_TW1_PRIVATE_KEY is refused');
      expect(proc.logs()).toContain('set WALLET_TW1_PRIVATE_KEY_FILE to its path');
      expect(proc.logs().toLowerCase()).not.toContain(wallet.key.toLowerCase());
    });

    it('exits with 78 for a key file group or others can read, naming the variable and chmod 600', async () => {
      const env = writeWalletKeyFile(mkdtempSync(join(secrets, 'loose-')), 'tw1', h.wallets[0].key, 0o644);
      const proc = h.startExecutor(h.wallets[0], env);
      expect((await proc.exited).code).toBe(EXIT_CONFIG);
      expect(proc.logs()).toContain(
        `executor: invalid configuration: WALLET_TW1_PRIVATE_KEY_FILE names a file that group or others can access (mode 0644): run chmod 600 ${env.WALLET_TW1_PRIVATE_KEY_FILE}`,
      );
    });

    it('exits with 78 for a wallet config/bots.json does not list', async () => {
      const proc = h.startExecutor(h.wallets[0], { WALLET_ID: 'nobody' });
      expect((await proc.exited).code).toBe(EXIT_CONFIG);
      expect(proc.logs()).toContain('WALLET_ID names wallet "nobody", which config/bots.json does not list');
    });
  });

  describe('when the key comes from a secret file', () => {
    it('signs for the derived address and announces it, and a second process waits as a standby', async () => {
      const [wallet] = h.wallets;
      const file = join(secrets, 'tw1');
      writeFileSync(file, `${wallet.key}\n`, { mode: 0o600 });
      const active = h.startExecutor(wallet, { WALLET_TW1_PRIVATE_KEY_FILE: file }, 'identity-a');
      await h.tookOver(active);
      const standby = h.startExecutor(wallet, {}, 'identity-b');
      await standby.waitForOutput(/waiting for the lease/, 60_000);

      const beat = await eventually(() => heartbeats('identity-a').find((b) => b.state === 'running'), 10_000, 'a running heartbeat');
      expect(beat.wallet).toEqual({ id: 'tw1', address: wallet.address, subaccountId: wallet.subaccountId });
      expect(beat.details).toMatchObject({ lease: 'held', breaker: 'closed' });
      const waiting = await eventually(() => heartbeats('identity-b').find((b) => b.state === 'standby'), 10_000, 'a standby heartbeat');
      expect(waiting.wallet?.address).toBe(wallet.address);
      expect(waiting.details).toMatchObject({ lease: 'standby' });
    });
  });

  describe('when started as npm start starts it', () => {
    it('holds no key in /proc/<pid>/environ, only the key file variable', async () => {
      const [wallet] = h.wallets;
      const proc = h.startExecutor(wallet, {}, 'identity-environ');
      await proc.waitForOutput(/took over wallet|waiting for the lease/, 60_000);
      const environ = readFileSync(`/proc/${proc.pid}/environ`, 'utf8');
      await proc.stop('SIGTERM', 10_000);
      expect(environ).toContain('WALLET_TW1_PRIVATE_KEY_FILE=');
      expect(environ.toLowerCase()).not.toContain(wallet.key.replace(/^0x/, '').toLowerCase());
    });
  });
});
