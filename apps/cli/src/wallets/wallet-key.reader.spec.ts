import { lookupWalletKey, walletAddressVariable, walletKeyVariables } from './wallet-key.reader';

const KEY = '11'.repeat(32);
const ADDRESS = 'inj1r8n7xah8cgfm0el8u3kvwzja6zrd4le2krtp7d';
const noFiles = (path: string): string => {
  throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
};

describe('walletKeyVariables', () => {
  it('names the variables the executor reads', () => {
    expect(walletKeyVariables('w1')).toEqual({ inline: 'WALLET_W1_PRIVATE_KEY', file: 'WALLET_W1_PRIVATE_KEY_FILE' });
    expect(walletAddressVariable('w1')).toBe('WALLET_W1_ADDRESS');
  });
});

describe('lookupWalletKey', () => {
  it('reads a key file and derives its wallet', () => {
    const found = lookupWalletKey('w1', { WALLET_W1_PRIVATE_KEY_FILE: '/run/secrets/w1' }, () => `0x${KEY}\n`);
    expect(found).toMatchObject({ kind: 'found', variable: 'WALLET_W1_PRIVATE_KEY_FILE' });
    expect(found.kind === 'found' && found.wallet.injAddress).toBe(ADDRESS);
  });

  it('says which variable it looked at when there is no key', () => {
    expect(lookupWalletKey('w2', {}, noFiles)).toEqual({ kind: 'absent', variable: 'WALLET_W2_PRIVATE_KEY_FILE' });
  });

  describe('when the key is unusable', () => {
    it.each([
      ['an inline key', { WALLET_W1_PRIVATE_KEY: 'zz'.repeat(32) }, 'WALLET_W1_PRIVATE_KEY is refused'],
      ['a missing file', { WALLET_W1_PRIVATE_KEY_FILE: '/nope' }, 'cannot be read (ENOENT)'],
      ['not hex', { WALLET_W1_PRIVATE_KEY_FILE: '/k' }, 'must be 64 hex digits'],
      ['the zero scalar', { WALLET_W1_PRIVATE_KEY_FILE: '/zero' }, 'not a valid secp256k1 scalar'],
    ])('reports %s without quoting the key', (_why, env, problem) => {
      const files: Record<string, string> = { '/k': 'zz'.repeat(32), '/zero': '00'.repeat(32) };
      const result = lookupWalletKey('w1', env, (path) => files[path] ?? noFiles(path));
      expect(result.kind).toBe('invalid');
      const text = JSON.stringify(result);
      expect(text).toContain(problem);
      expect(text).not.toContain('zz'.repeat(32));
    });

    it('reports an empty key file', () => {
      expect(lookupWalletKey('w1', { WALLET_W1_PRIVATE_KEY_FILE: '/k' }, () => ' \n')).toMatchObject({ kind: 'invalid', problem: 'WALLET_W1_PRIVATE_KEY_FILE names an empty file' });
    });
  });
});
