import { pairSettings } from './pair-settings.resolver';
import { simExchangeConfigSchema } from './sim-exchange.config';

describe('simExchangeConfigSchema', () => {
  describe('when nothing is configured', () => {
    it('fills in defaults: a random walk from 10, 24-level mainnet depth, no takers, empty testnet books', () => {
      const config = simExchangeConfigSchema.parse({});
      expect(config.seed).toBeUndefined();
      expect(config.defaults.price).toMatchObject({ mode: 'random-walk', startPrice: '10', volatilityPerBlock: 0.0002 });
      expect(config.defaults.depth).toMatchObject({ enabled: true, levelsPerSide: 24, spread: 0.0005 });
      expect(config.defaults.takers.lambdaPerBlock).toBe(0);
      expect(config.defaults.testnetInitial).toEqual({ kind: 'empty' });
      expect(config.internal.takerCount).toBe(3);
    });
  });

  describe('when a value is bad', () => {
    it.each([
      [{ defaults: { price: { startPrice: '-1' } } }, 'defaults.price.startPrice'],
      [{ defaults: { price: { startPrice: '0' } } }, 'defaults.price.startPrice'],
      [{ defaults: { price: { jumpProbabilityPerBlock: 2 } } }, 'defaults.price.jumpProbabilityPerBlock'],
      [{ pairs: { 'INJ/USDT': { price: { mode: 'replay' } } } }, 'pairs.INJ/USDT.price.replay'],
      [{ internal: { marketMaker: '0x1234' } }, 'internal.marketMaker'],
      [{ defaults: { testnetInitial: { kind: 'crooked' } } }, 'defaults.testnetInitial.kind'],
    ])('names the field (%j)', (input, field) => {
      const parsed = simExchangeConfigSchema.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues.map((i) => i.path.join('.'))).toContain(field);
    });
  });

  describe('when a pair overrides some fields', () => {
    it('lays them over the defaults, matching the pair by ticker or market key', () => {
      const config = simExchangeConfigSchema.parse({
        defaults: { takers: { lambdaPerBlock: 0.5 } },
        pairs: {
          'inj-usdt-perp': { price: { startPrice: '21.5' }, testnetInitial: { kind: 'mispriced', offset: -0.1 } },
        },
      });
      const perp = pairSettings(config, 'INJ/USDT PERP');
      expect(perp.price.startPrice).toBe('21.5');
      expect(perp.price.volatilityPerBlock).toBe(0.0002);
      expect(perp.takers.lambdaPerBlock).toBe(0.5);
      expect(perp.testnetInitial).toMatchObject({ kind: 'mispriced', offset: -0.1, ladder: { levelsPerSide: 20, spread: 0.002 } });
      expect(pairSettings(config, 'INJ/USDT').price.startPrice).toBe('10');
    });
  });
});
