import { resolveFeedEndpoints } from './feed-endpoints.resolver';

describe('resolveFeedEndpoints', () => {
  it('reads both sides from the sim with NETWORK=sim', () => {
    expect(resolveFeedEndpoints({ NETWORK: 'sim', SIM_LCD_URL: 'http://127.0.0.1:7700/' })).toEqual({
      reference: { net: 'sim', lcdUrl: 'http://127.0.0.1:7700' },
      trading: { net: 'sim', lcdUrl: 'http://127.0.0.1:7700' },
    });
  });

  it('reads references from Injective mainnet and books from Injective testnet with NETWORK=testnet', () => {
    const endpoints = resolveFeedEndpoints({ NETWORK: 'testnet', SIM_LCD_URL: 'http://127.0.0.1:7700' });
    expect(endpoints.reference.net).toBe('mainnet');
    expect(endpoints.trading.net).toBe('testnet');
    expect(endpoints.reference.lcdUrl).toMatch(/^https:\/\/.*lcd.*injective/);
    expect(endpoints.trading.lcdUrl).toMatch(/^https:\/\/testnet\..*lcd.*injective/);
  });

  it('takes LCD overrides from the environment', () => {
    const endpoints = resolveFeedEndpoints({
      NETWORK: 'testnet',
      SIM_LCD_URL: 'http://127.0.0.1:7700',
      MAINNET_LCD_URL: 'https://mainnet.example:1317',
      TESTNET_LCD_URL: 'https://testnet.example:1317',
    });
    expect([endpoints.reference.lcdUrl, endpoints.trading.lcdUrl]).toEqual(['https://mainnet.example:1317', 'https://testnet.example:1317']);
  });
});
