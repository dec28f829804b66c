import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { WalletKeyError } from './wallet-key.error';
import { readWalletKey, walletKeyFromEnv, walletKeyVariables } from './wallet-key.source';

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

  describe('when the key is inline in the environment', () => {
    it('refuses it, naming the file variable to use instead, without echoing the key', () => {
      const error = problemOf(() => readWalletKey('w1', { WALLET_W1_PRIVATE_KEY: ` ${KEY}\n` }, noFile));
      expect(error).toMatchObject({ problem: 'INLINE', variable: 'WALLET_W1_PRIVATE_KEY' });
      expect(error.message).toContain('WALLET_W1_PRIVATE_KEY is refused');
      expect(error.message).toContain('set WALLET_W1_PRIVATE_KEY_FILE');
      expect(error.message).not.toContain(KEY);
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

  describe('when the key file is missing', () => {
    it('says which variable to set', () => {
      const error = problemOf(() => readWalletKey('w2', {}, noFile));
      expect(error.problem).toBe('MISSING');
      expect(error.message).toBe('wallet w2 has no key: set WALLET_W2_PRIVATE_KEY_FILE to a key file (chmod 600)');
    });
  });
});

describe('walletKeyFromEnv with the real file reader', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mb-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('when the key file has mode 0644', () => {
    it('refuses it, naming the variable and the fix', () => {
      const file = join(dir, 'w1');
      writeFileSync(file, `${KEY}\n`);
      chmodSync(file, 0o644);
      const error = problemOf(() => walletKeyFromEnv('w1', { WALLET_W1_PRIVATE_KEY_FILE: file }));
      expect(error).toMatchObject({ problem: 'INSECURE', variable: 'WALLET_W1_PRIVATE_KEY_FILE' });
      expect(error.message).toBe(`WALLET_W1_PRIVATE_KEY_FILE names a file that group or others can access (mode 0644): run chmod 600 ${file}`);
    });
  });

  describe('when the key file has mode 0600', () => {
    it('loads the wallet and a key that refuses to be serialized', () => {
      const file = join(dir, 'w1');
      writeFileSync(file, `${KEY}\n`, { mode: 0o600 });
      const loaded = walletKeyFromEnv('w1', { WALLET_W1_PRIVATE_KEY_FILE: file });
      expect(loaded.variable).toBe('WALLET_W1_PRIVATE_KEY_FILE');
      expect(Buffer.from(loaded.key.bytes()).toString('hex')).toBe(KEY);
      expect(() => JSON.stringify(loaded)).toThrow('a PrivateKey cannot be serialized');
      expect(inspect(loaded, { depth: 5 })).not.toContain(KEY);
      expect(inspect(loaded.key, { showHidden: true })).toBe('PrivateKey [redacted]');
      expect(`${loaded.key}`).toBe('PrivateKey [redacted]');
      expect({ ...loaded.key }).toEqual({});
    });
  });
});
