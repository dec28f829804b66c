import { CliError } from '../cli/cli.errors';
import { networkSides, resolveNetworkName } from './network.sides';

const pair = { mainnetMarketId: `0x${'aa'.repeat(32)}`, testnetMarketId: `0x${'bb'.repeat(32)}` };

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

describe('networkSides', () => {
  describe('on sim', () => {
    const sides = networkSides('sim', { sim: 'http://127.0.0.1:7799' });

    it('reads both sides from the simulator, the reference on the mainnet market id', () => {
      expect(sides.trading.config.lcdUrl).toBe('http://127.0.0.1:7799');
      expect(sides.reference.config.lcdUrl).toBe('http://127.0.0.1:7799');
      expect(sides.trading.marketId(pair)).toBe(pair.testnetMarketId);
      expect(sides.reference.marketId(pair)).toBe(pair.mainnetMarketId);
      expect(sides.readOnly).toBe(false);
    });
  });

  describe('on testnet', () => {
    const sides = networkSides('testnet', { testnet: 'http://testnet.local', mainnet: 'http://mainnet.local' });

    it('trades on testnet and takes the reference from mainnet', () => {
      expect(sides.trading.config).toMatchObject({ chainId: 'injective-888', lcdUrl: 'http://testnet.local' });
      expect(sides.reference.config).toMatchObject({ chainId: 'injective-1', lcdUrl: 'http://mainnet.local' });
    });
  });

  describe('on mainnet', () => {
    const sides = networkSides('mainnet');

    it('is read-only and reads the mainnet market ids on both sides', () => {
      expect(sides.readOnly).toBe(true);
      expect(sides.trading.config.chainId).toBe('injective-1');
      expect(sides.trading.marketId(pair)).toBe(pair.mainnetMarketId);
    });
  });
});
