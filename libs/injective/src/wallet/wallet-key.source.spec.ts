import { WalletKeyError } from './wallet-key.error';
import { readWalletKey, walletKeyVariables } from './wallet-key.source';

const KEY = '4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d';
const noFile = () => {
  throw Object.assign(new Error(`ENOENT: ${KEY}`), { code: 'ENOENT' });
};

function problemOf(fn: () => unknown): WalletKeyError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WalletKeyError) return error;
    throw error;
  }
  throw new Error('expected a WalletKeyError');
}

describe('readWalletKey', () => {
  it('names the variables after the upper-cased wallet id', () => {
    expect(walletKeyVariables('w1')).toEqual({ inline: 'WALLET_W1_PRIVATE_KEY', file: 'WALLET_W1_PRIVATE_KEY_FILE' });
  });

  describe('when the key is in the environment', () => {
    it('returns it trimmed with the variable that held it', () => {
      expect(readWalletKey('w1', { WALLET_W1_PRIVATE_KEY: ` ${KEY}\n` }, noFile)).toEqual({ variable: 'WALLET_W1_PRIVATE_KEY', key: KEY });
    });
  });

  describe('when the key is in a secret file', () => {
    it('reads the file once and trims it', () => {
      const reads: string[] = [];
      const material = readWalletKey('w1', { WALLET_W1_PRIVATE_KEY_FILE: '/run/secrets/w1' }, (path) => {
        reads.push(path);
        return `${KEY}\n`;
      });
      expect(material).toEqual({ variable: 'WALLET_W1_PRIVATE_KEY_FILE', key: KEY });
      expect(reads).toEqual(['/run/secrets/w1']);
    });

    it('names the variable, not the file contents, when the file cannot be read', () => {
      const error = problemOf(() => readWalletKey('w1', { WALLET_W1_PRIVATE_KEY_FILE: '/nope' }, noFile));
      expect(error.problem).toBe('UNREADABLE');
      expect(error.variable).toBe('WALLET_W1_PRIVATE_KEY_FILE');
      expect(error.message).toContain('ENOENT');
      expect(error.message).not.toContain(KEY);
    });

    it('refuses an empty file', () => {
      expect(problemOf(() => readWalletKey('w1', { WALLET_W1_PRIVATE_KEY_FILE: '/k' }, () => '\n')).problem).toBe('MISSING');
    });
  });

  describe('when neither or both are set', () => {
    it('says which variables to set', () => {
      const error = problemOf(() => readWalletKey('w2', {}, noFile));
      expect(error.problem).toBe('MISSING');
      expect(error.message).toBe('wallet w2 has no key: set WALLET_W2_PRIVATE_KEY or WALLET_W2_PRIVATE_KEY_FILE');
    });

    it('refuses the ambiguity without echoing either value', () => {
      const error = problemOf(() =>
        readWalletKey('w1', { WALLET_W1_PRIVATE_KEY: KEY, WALLET_W1_PRIVATE_KEY_FILE: '/k' }, () => KEY),
      );
      expect(error.problem).toBe('AMBIGUOUS');
      expect(error.message).not.toContain(KEY);
    });
  });
});
