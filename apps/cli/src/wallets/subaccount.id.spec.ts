import fc from 'fast-check';
import { walletFromPrivateKey } from '@mirrorbook/injective';
import { defaultSubaccountId, isInjAddress } from './subaccount.id';

describe('defaultSubaccountId', () => {
  it('derives the known subaccount of the throwaway key 0x11…11', () => {
    expect(defaultSubaccountId('inj1r8n7xah8cgfm0el8u3kvwzja6zrd4le2krtp7d')).toBe(
      '0x19e7e376e7c213b7e7e7e46cc70a5dd086daff2a000000000000000000000000',
    );
  });

  it('agrees with the venue adapter for any key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        let wallet;
        try {
          wallet = walletFromPrivateKey(Buffer.from(bytes).toString('hex'));
        } catch {
          return true; // not a valid scalar
        }
        return defaultSubaccountId(wallet.injAddress) === wallet.subaccountId;
      }),
      { numRuns: 30 },
    );
  });

  it('accepts an address written in upper case', () => {
    expect(defaultSubaccountId('INJ1R8N7XAH8CGFM0EL8U3KVWZJA6ZRD4LE2KRTP7D')).toMatch(/^0x19e7e376/);
  });

  it.each([
    ['a wrong checksum', 'inj1r8n7xah8cgfm0el8u3kvwzja6zrd4le2krtp7q'],
    ['another prefix', 'cosmos1r8n7xah8cgfm0el8u3kvwzja6zrd4le2krtp7d'],
    ['mixed case', 'inj1R8n7xah8cgfm0el8u3kvwzja6zrd4le2krtp7d'],
    ['a character outside bech32', 'inj1b8n7xah8cgfm0el8u3kvwzja6zrd4le2krtp7d'],
    ['an empty string', ''],
  ])('refuses %s', (_why, address) => {
    expect(defaultSubaccountId(address)).toBeNull();
    expect(isInjAddress(address)).toBe(false);
  });
});
