import { MainnetTradingRefusedError } from '../errors/mainnet-trading-refused.error';
import { networkConfig } from './network.config';
import { assertSigningAllowed, MAINNET_CHAIN_ID } from './signing.guard';

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
