import { DEFAULT_GAS_PRICE as SDK_DEFAULT_GAS_PRICE } from '@injectivelabs/utils';
import { ZodError } from 'zod';
import { DEFAULT_GAS_PRICE, DEFAULT_SIM_URL, networkConfig, SIM_CHAIN_ID } from './network.config';

describe('DEFAULT_GAS_PRICE', () => {
  it("is @injectivelabs/utils' own (copied so that reading the network config does not load that package)", () => {
    expect(DEFAULT_GAS_PRICE).toBe(SDK_DEFAULT_GAS_PRICE);
  });
});

describe('networkConfig', () => {
  describe('when asked for testnet', () => {
    it('uses the sentry LCD, chain id injective-888 and the default fee settings', () => {
      expect(networkConfig('testnet')).toEqual({
        name: 'testnet',
        chainId: 'injective-888',
        lcdUrl: 'https://testnet.sentry.lcd.injective.network',
        feeDenom: 'inj',
        gasPrice: '160000000',
      });
    });
  });

  describe('when asked for mainnet', () => {
    it('uses the mainnet sentry LCD and chain id injective-1', () => {
      const config = networkConfig('mainnet');
      expect(config.chainId).toBe('injective-1');
      expect(config.lcdUrl).toBe('https://sentry.lcd.injective.network');
    });
  });

  describe('when asked for the simulator', () => {
    it('defaults to the local sim and its own chain id', () => {
      expect(networkConfig('sim')).toMatchObject({ lcdUrl: DEFAULT_SIM_URL, chainId: SIM_CHAIN_ID, feeDenom: 'inj' });
      expect(SIM_CHAIN_ID).toBe('injective-sim-1');
    });

    it('takes the sim URL from the caller and trims a trailing slash', () => {
      expect(networkConfig('sim', { simUrl: 'http://sim.local:9000/' }).lcdUrl).toBe('http://sim.local:9000');
    });
  });

  describe('when the caller overrides fields', () => {
    it('lets every field but the name be replaced', () => {
      const config = networkConfig('testnet', {
        chainId: 'injective-777',
        lcdUrl: 'https://lcd.example.org/',
        feeDenom: 'uinj',
        gasPrice: '500000000',
      });
      expect(config).toEqual({
        name: 'testnet',
        chainId: 'injective-777',
        lcdUrl: 'https://lcd.example.org',
        feeDenom: 'uinj',
        gasPrice: '500000000',
      });
    });

    it('ignores overrides that are undefined', () => {
      expect(networkConfig('testnet', { chainId: undefined }).chainId).toBe('injective-888');
    });

    it('refuses a gas price that is not a positive integer', () => {
      expect(() => networkConfig('sim', { gasPrice: '1.5e8' })).toThrow(ZodError);
    });

    it('refuses an LCD URL that is not http(s)', () => {
      expect(() => networkConfig('sim', { lcdUrl: 'ftp://example.org' })).toThrow(ZodError);
    });
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(networkConfig('sim'))).toBe(true);
  });
});
