import { hexToInjAddress, injAddressToHex, InvalidAddressError, isInjAddress } from './address.codec';
import { subaccountIdOf, subaccountOwnerHex } from './subaccount-id.codec';

// vector from the SDK (PrivateKey 0x11…11): see docs/injective.md#signing
const ADDRESS = 'inj1r8n7xah8cgfm0el8u3kvwzja6zrd4le2krtp7d';
const HEX = '19e7e376e7c213b7e7e7e46cc70a5dd086daff2a';

describe('bech32 codec', () => {
  it('decodes an inj1 address to its 20 address bytes', () => {
    expect(injAddressToHex(ADDRESS)).toBe(HEX);
  });

  it('encodes the address bytes back to the same address', () => {
    expect(hexToInjAddress(HEX)).toBe(ADDRESS);
    expect(hexToInjAddress(`0x${HEX.toUpperCase()}`)).toBe(ADDRESS);
  });

  describe('when the address is not a valid inj1 address', () => {
    it.each([
      ['a changed character (bad checksum)', ADDRESS.replace(/d$/, 'e')],
      ['another prefix', 'cosmos1r8n7xah8cgfm0el8u3kvwzja6zrd4le2krtp7d'],
      ['mixed case', ADDRESS.replace('r8n7', 'R8n7')],
      ['no separator', 'injabc'],
      ['a character outside the charset', ADDRESS.replace('r8', 'b8')],
    ])('rejects %s', (_name, address) => {
      expect(() => injAddressToHex(address)).toThrow(InvalidAddressError);
      expect(isInjAddress(address)).toBe(false);
    });
  });
});

describe('subaccountIdOf', () => {
  it('is the address bytes followed by the nonce in 24 hex digits', () => {
    expect(subaccountIdOf(ADDRESS)).toBe(`0x${HEX}${'0'.repeat(24)}`);
    expect(subaccountIdOf(ADDRESS, 1)).toBe(`0x${HEX}${'0'.repeat(23)}1`);
  });

  it('reads the owner back from a subaccount id', () => {
    expect(subaccountOwnerHex(subaccountIdOf(ADDRESS, 5))).toBe(HEX);
    expect(subaccountOwnerHex('0x1234')).toBeNull();
  });
});
