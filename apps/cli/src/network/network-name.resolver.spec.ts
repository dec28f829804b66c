import { CliError } from '../cli/cli.errors';
import { resolveNetworkName } from './network-name.resolver';

describe('resolveNetworkName', () => {
  it('takes --network over NETWORK', () => {
    expect(resolveNetworkName('testnet', 'sim')).toBe('testnet');
  });

  it('falls back to NETWORK, then to sim', () => {
    expect(resolveNetworkName(undefined, 'mainnet')).toBe('mainnet');
    expect(resolveNetworkName(undefined, undefined)).toBe('sim');
    expect(resolveNetworkName(undefined, '  ')).toBe('sim');
  });

  it('refuses an unknown network as a usage error naming its source', () => {
    const attempt = () => resolveNetworkName('devnet', undefined);
    expect(attempt).toThrow(CliError);
    expect(attempt).toThrow('--network must be one of sim, testnet, mainnet, got "devnet"');
  });
});
