import { lcdUrlsFromEnv, networkSides } from './network.sides';

const pair = { mainnetMarketId: `0x${'aa'.repeat(32)}`, testnetMarketId: `0x${'bb'.repeat(32)}` };

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

    it('publishes both sides under sim, without the trailing slash of SIM_LCD_URL', () => {
      const fromEnv = networkSides('sim', lcdUrlsFromEnv({ SIM_LCD_URL: 'http://127.0.0.1:7700/' }));
      expect([fromEnv.reference.config.name, fromEnv.trading.config.name]).toEqual(['sim', 'sim']);
      expect([fromEnv.reference.config.lcdUrl, fromEnv.trading.config.lcdUrl]).toEqual(['http://127.0.0.1:7700', 'http://127.0.0.1:7700']);
    });
  });

  describe('on testnet', () => {
    const sides = networkSides('testnet', { testnet: 'http://testnet.local', mainnet: 'http://mainnet.local' });

    it('trades on testnet and takes the reference from mainnet', () => {
      expect(sides.trading.config).toMatchObject({ chainId: 'injective-888', lcdUrl: 'http://testnet.local' });
      expect(sides.reference.config).toMatchObject({ chainId: 'injective-1', lcdUrl: 'http://mainnet.local' });
    });

    it('reads the public sentry LCDs unless MAINNET_LCD_URL / TESTNET_LCD_URL override them', () => {
      const defaults = networkSides('testnet', lcdUrlsFromEnv({ SIM_LCD_URL: 'http://127.0.0.1:7700' }));
      expect([defaults.reference.config.name, defaults.trading.config.name]).toEqual(['mainnet', 'testnet']);
      expect(defaults.reference.config.lcdUrl).toMatch(/^https:\/\/.*lcd.*injective/);
      expect(defaults.trading.config.lcdUrl).toMatch(/^https:\/\/testnet\..*lcd.*injective/);
      const overridden = networkSides(
        'testnet',
        lcdUrlsFromEnv({ SIM_LCD_URL: 'http://127.0.0.1:7700', MAINNET_LCD_URL: 'https://mainnet.example:1317', TESTNET_LCD_URL: 'https://testnet.example:1317' }),
      );
      expect([overridden.reference.config.lcdUrl, overridden.trading.config.lcdUrl]).toEqual(['https://mainnet.example:1317', 'https://testnet.example:1317']);
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
