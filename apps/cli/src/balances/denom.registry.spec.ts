import { catalogMarkets } from '@mirrorbook/market';
import { denomRegistry, fromBaseUnits } from './denom.registry';

describe('denomRegistry', () => {
  const { mainnet, testnet } = catalogMarkets();
  const registry = denomRegistry([...testnet, ...mainnet]);
  const usdt = testnet.find((m) => m.ticker === 'INJ/USDT')!.quoteDenom;

  it('knows INJ with 18 decimals', () => {
    expect(registry.get('inj')).toEqual({ symbol: 'INJ', decimals: 18 });
  });

  it('knows the quote denom of testnet INJ/USDT as USDT with 6 decimals', () => {
    expect(registry.get(usdt)).toEqual({ symbol: 'USDT', decimals: 6 });
  });
});

describe('fromBaseUnits', () => {
  it('shifts exactly, also 18-decimal amounts far beyond a float', () => {
    expect(fromBaseUnits('1500000000000000000', 18).toFixed()).toBe('1.5');
    expect(fromBaseUnits('123456789012345678901234567', 18).toFixed()).toBe('123456789.012345678901234567');
    expect(fromBaseUnits('5000000', 6).toFixed()).toBe('5');
  });
});
