import type { AppConfig } from '@mirrorbook/config';
import { WalletKeyError } from '@mirrorbook/injective';
import { generatePrivateKeyHex, walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { loadExecutorWallets } from './executor-wallet.loader';

const config = (walletId: string | undefined, executorWallets?: string): AppConfig =>
  ({
    env: { WALLET_ID: walletId, EXECUTOR_WALLETS: executorWallets },
    wallets: [
      { id: 'w1', label: '' },
      { id: 'w2', label: '' },
      { id: 'w3', label: '' },
    ],
    markets: [],
    bots: [],
  }) as unknown as AppConfig;
const loadExecutorWallet = (cfg: AppConfig, env: NodeJS.ProcessEnv, readFile: (path: string) => string) => {
  const wallets = loadExecutorWallets(cfg, env, readFile);
  expect(wallets).toHaveLength(1);
  return wallets[0]!;
};
const noFile = () => {
  throw new Error('no file expected');
};

function refusal(fn: () => unknown): WalletKeyError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WalletKeyError) return error;
    throw error;
  }
  throw new Error('expected a WalletKeyError');
}

describe('loadExecutorWallet', () => {
  describe('when WALLET_ID names a configured wallet with a valid key file', () => {
    it('derives the address and subaccount, and removes every key variable from the environment', () => {
      const key = generatePrivateKeyHex();
      const env: NodeJS.ProcessEnv = { WALLET_W1_PRIVATE_KEY_FILE: '/run/secrets/w1', WALLET_W2_PRIVATE_KEY_FILE: '/run/secrets/w2', OTHER: 'kept' };
      const loaded = loadExecutorWallet(config('w1'), env, () => `${key}\n`);
      const expected = walletFromPrivateKey(key);
      expect(loaded.id).toBe('w1');
      expect(loaded.wallet.injAddress).toBe(expected.injAddress);
      expect(loaded.wallet.subaccountId).toBe(expected.subaccountId);
      expect(env).toEqual({ OTHER: 'kept' });
      expect(JSON.stringify(loaded)).not.toContain(key);
    });
  });

  describe('when the key is inline in the environment', () => {
    it('refuses it, naming the file variable, never the value, and still scrubs it', () => {
      const key = generatePrivateKeyHex();
      const env: NodeJS.ProcessEnv = { WALLET_W1_PRIVATE_KEY: key };
      const error = refusal(() => loadExecutorWallet(config('w1'), env, noFile));
      expect(error).toMatchObject({ problem: 'INLINE', variable: 'WALLET_W1_PRIVATE_KEY' });
      expect(error.message).toContain('set WALLET_W1_PRIVATE_KEY_FILE');
      expect(error.message).not.toContain(key);
      expect(env).toEqual({});
    });
  });

  describe('when the key is not a secp256k1 key', () => {
    it('names the variable and never the value', () => {
      const bad = 'f'.repeat(64);
      const error = refusal(() => loadExecutorWallet(config('w1'), { WALLET_W1_PRIVATE_KEY_FILE: '/k' }, () => bad));
      expect(error).toMatchObject({ problem: 'INVALID', variable: 'WALLET_W1_PRIVATE_KEY_FILE' });
      expect(error.message).not.toContain(bad);
    });
  });

  describe('when WALLET_ID is missing or unknown', () => {
    it('says so', () => {
      expect(refusal(() => loadExecutorWallet(config(undefined), {}, noFile)).variable).toBe('WALLET_ID');
      expect(refusal(() => loadExecutorWallet(config('  ', ''), {}, noFile)).variable).toBe('WALLET_ID');
      expect(refusal(() => loadExecutorWallet(config('w9'), {}, noFile)).message).toBe(
        'WALLET_ID names wallet "w9", which config/bots.json does not list',
      );
    });
  });

  describe('EXECUTOR_WALLETS (several wallets in one process)', () => {
    const keys = { w1: generatePrivateKeyHex(), w2: generatePrivateKeyHex(), w3: generatePrivateKeyHex() };
    const files = (...ids: (keyof typeof keys)[]): NodeJS.ProcessEnv => Object.fromEntries(ids.map((id) => [`WALLET_${id.toUpperCase()}_PRIVATE_KEY_FILE`, `/run/secrets/${id}`]));
    const reader = (path: string) => `${keys[path.slice(path.lastIndexOf('/') + 1) as keyof typeof keys]}\n`;

    it('loads every listed wallet in order, each with its own key, and scrubs every key variable', () => {
      const env = { ...files('w1', 'w2', 'w3'), OTHER: 'kept' };
      const loaded = loadExecutorWallets(config(undefined, ' w2, w1 '), env, reader);
      expect(loaded.map((w) => w.id)).toEqual(['w2', 'w1']);
      expect(loaded.map((w) => w.wallet.injAddress)).toEqual([walletFromPrivateKey(keys.w2).injAddress, walletFromPrivateKey(keys.w1).injAddress]);
      expect(env).toEqual({ OTHER: 'kept' });
      for (const key of Object.values(keys)) expect(JSON.stringify(loaded)).not.toContain(key);
    });

    it('accepts WALLET_ID alongside it only when both name the same single wallet', () => {
      expect(loadExecutorWallets(config('w1', 'w1'), files('w1'), reader).map((w) => w.id)).toEqual(['w1']);
    });

    it.each([
      ['both set and disagreeing', 'w1', 'w1,w2', 'EXECUTOR_WALLETS', 'WALLET_ID=w1 and EXECUTOR_WALLETS=w1,w2 disagree: set one of them (EXECUTOR_WALLETS for several wallets)'],
      ['both set, one wallet each, different', 'w2', 'w1', 'EXECUTOR_WALLETS', 'WALLET_ID=w2 and EXECUTOR_WALLETS=w1 disagree: set one of them (EXECUTOR_WALLETS for several wallets)'],
      ['a repeated wallet', undefined, 'w1,w2,w1', 'EXECUTOR_WALLETS', 'EXECUTOR_WALLETS names wallet "w1" twice: each wallet has one tenure'],
      ['an empty entry', undefined, 'w1,,w2', 'EXECUTOR_WALLETS', 'EXECUTOR_WALLETS="w1,,w2" has an empty entry: list wallet ids separated by commas, e.g. w1,w2'],
      ['an unknown wallet', undefined, 'w1,w9', 'EXECUTOR_WALLETS', 'EXECUTOR_WALLETS names wallet "w9", which config/bots.json does not list'],
    ])('refuses %s in one line naming the variable', (_case, walletId, list, variable, message) => {
      const env = files('w1', 'w2');
      const error = refusal(() => loadExecutorWallets(config(walletId, list), env, reader));
      expect(error).toMatchObject({ problem: 'UNKNOWN_WALLET', variable, message });
      expect(error.message).not.toContain('\n');
      expect(env).toEqual({});
    });

    it("refuses a listed wallet without a key file, naming that wallet and its variable, and scrubs the keys already read", () => {
      const env = files('w1');
      const error = refusal(() => loadExecutorWallets(config(undefined, 'w1,w2'), env, reader));
      expect(error).toMatchObject({ problem: 'MISSING', variable: 'WALLET_W2_PRIVATE_KEY_FILE' });
      expect(error.message).toBe('wallet w2 has no key: set WALLET_W2_PRIVATE_KEY_FILE to a key file (chmod 600)');
      expect(env).toEqual({});
    });

    it('refuses a wallet whose key file is unreadable, naming its variable and never the key', () => {
      const error = refusal(() =>
        loadExecutorWallets(config(undefined, 'w1,w2'), files('w1', 'w2'), (path) => {
          if (path.endsWith('w2')) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
          return reader(path);
        }),
      );
      expect(error).toMatchObject({ problem: 'UNREADABLE', variable: 'WALLET_W2_PRIVATE_KEY_FILE' });
      expect(error.message).not.toContain(keys.w1);
    });

    it('refuses two listed wallets with one key (they would race on one account sequence)', () => {
      const error = refusal(() => loadExecutorWallets(config(undefined, 'w1,w3'), files('w1', 'w3'), () => keys.w1));
      expect(error).toMatchObject({ problem: 'INVALID', variable: 'WALLET_W3_PRIVATE_KEY_FILE' });
      expect(error.message).toContain('holds the key of wallet w1');
      expect(error.message).not.toContain(keys.w1);
    });
  });
});
