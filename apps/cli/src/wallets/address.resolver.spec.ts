import type { Heartbeat } from '@mirrorbook/contracts';
import { CliError } from '../cli/cli.errors';
import { heartbeatWalletAddress, localWalletAddress, optionAddress } from './address.resolver';

const ADDRESS = 'inj1r8n7xah8cgfm0el8u3kvwzja6zrd4le2krtp7d';
const SUBACCOUNT = '0x19e7e376e7c213b7e7e7e46cc70a5dd086daff2a000000000000000000000000';
const noFiles = (): string => {
  throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
};

const beat = (instance: string, state: Heartbeat['state'], address: string): Heartbeat => ({
  v: 1,
  app: 'executor',
  instance,
  version: '0.1.0',
  state,
  uptimeS: 1,
  rssBytes: 1,
  wallet: { id: 'w1', address, subaccountId: `sub-of-${address}` },
  ts: 0,
});

describe('localWalletAddress', () => {
  it('derives the address from the key when one is set', () => {
    expect(localWalletAddress('w1', { WALLET_W1_PRIVATE_KEY_FILE: '/run/secrets/w1' }, () => '11'.repeat(32))).toEqual({
      wallet: 'w1',
      address: ADDRESS,
      subaccountId: SUBACCOUNT,
      source: 'key',
    });
  });

  it('takes WALLET_<ID>_ADDRESS when there is no key', () => {
    expect(localWalletAddress('w1', { WALLET_W1_ADDRESS: ADDRESS }, noFiles)).toMatchObject({ source: 'env', subaccountId: SUBACCOUNT });
  });

  it('knows nothing when neither is set', () => {
    expect(localWalletAddress('w1', {}, noFiles)).toMatchObject({ address: null, source: null });
  });

  it('refuses an unusable address as a configuration error', () => {
    const attempt = () => localWalletAddress('w1', { WALLET_W1_ADDRESS: 'inj1nope' }, noFiles);
    expect(attempt).toThrow(CliError);
    expect(attempt).toThrow('WALLET_W1_ADDRESS is not a valid inj1… address');
  });
});

describe('optionAddress', () => {
  it('refuses an invalid --address as a usage error', () => {
    expect(() => optionAddress('cosmos1abc')).toThrow('--address must be a valid inj1… address');
  });
});

describe('heartbeatWalletAddress', () => {
  it('prefers the running executor over a standby', () => {
    const found = heartbeatWalletAddress('w1', [beat('b', 'standby', 'inj1standby'), beat('a', 'running', ADDRESS)]);
    expect(found).toMatchObject({ address: ADDRESS, source: 'heartbeat' });
  });

  it('finds nothing when no executor of the wallet was heard', () => {
    expect(heartbeatWalletAddress('w2', [beat('a', 'running', ADDRESS)])).toBeNull();
  });
});
