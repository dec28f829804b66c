import type { AppConfig } from '@mirrorbook/config';
import { WalletKeyError } from '@mirrorbook/injective';
import { generatePrivateKeyHex, walletFromPrivateKey } from '@mirrorbook/injective/signing';
import { loadExecutorWallet } from './executor-wallet.loader';

const config = (walletId: string | undefined): AppConfig =>
  ({ env: { WALLET_ID: walletId }, wallets: [{ id: 'w1', label: '' }], markets: [], bots: [] }) as unknown as AppConfig;
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
      expect(refusal(() => loadExecutorWallet(config('w9'), {}, noFile)).message).toBe(
        'WALLET_ID names wallet "w9", which config/bots.json does not list',
      );
    });
  });
});
