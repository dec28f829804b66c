import { MainnetTradingRefusedError } from '../errors/mainnet-trading-refused.error';
import { networkConfig } from './network.config';
import { assertSigningAllowed, MAINNET_CHAIN_ID, chainIdRefusal } from './signing.guard';

describe('assertSigningAllowed', () => {
  describe('when the chain is Injective mainnet', () => {
    it('refuses without the explicit allowance', () => {
      expect(() => assertSigningAllowed('injective-1', false)).toThrow(MainnetTradingRefusedError);
    });

    it('names the chain and carries a stable code', () => {
      let caught: unknown;
      try {
        assertSigningAllowed(MAINNET_CHAIN_ID, false);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(MainnetTradingRefusedError);
      expect(caught).toMatchObject({ code: 'MAINNET_TRADING_REFUSED', chainId: 'injective-1' });
    });

    it('is not fooled by case or surrounding blanks', () => {
      expect(() => assertSigningAllowed(' Injective-1 ', false)).toThrow(MainnetTradingRefusedError);
    });

    it('allows signing when mainnet trading is allowed', () => {
      expect(() => assertSigningAllowed('injective-1', true)).not.toThrow();
    });
  });

  describe('when the chain is testnet or the sim', () => {
    it('allows signing', () => {
      expect(() => assertSigningAllowed(networkConfig('testnet').chainId, false)).not.toThrow();
      expect(() => assertSigningAllowed(networkConfig('sim').chainId, false)).not.toThrow();
    });
  });
});

describe('chainIdRefusal', () => {
  it('allows the chain id NETWORK expects', () => {
    expect(chainIdRefusal('testnet', 'injective-888', 'injective-888', false)).toBeNull();
  });

  it('refuses another chain id, naming both', () => {
    expect(chainIdRefusal('testnet', 'injective-888', 'injective-777', false)).toBe('the node reports chain id injective-777, NETWORK=testnet expects injective-888');
  });

  it('refuses mainnet without the allowance even when NETWORK expects it, and allows it with', () => {
    expect(chainIdRefusal('mainnet', 'injective-1', 'injective-1', false)).toContain('ALLOW_MAINNET_TRADING=true');
    expect(chainIdRefusal('mainnet', 'injective-1', 'injective-1', true)).toBeNull();
  });

  it('refuses mainnet on a NETWORK that expects another chain, allowance or not', () => {
    expect(chainIdRefusal('testnet', 'injective-888', 'injective-1', true)).toBe('the node reports chain id injective-1, NETWORK=testnet expects injective-888');
  });
});
