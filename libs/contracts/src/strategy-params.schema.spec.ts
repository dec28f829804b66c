import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveStrategyParams, strategyParamBounds, strategyParamsSchema } from './strategy-params.schema';

const pathsOf = (value: unknown) => {
  const result = strategyParamsSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const tiers = (levels: number) => [{ name: 'micro', spread: { min: '0.01', max: '0.05' }, levels }];

describe('strategyParamsSchema', () => {
  describe('leverage (derivatives: margin = notional / leverage)', () => {
    it('refuses 0, which would make every margin a division by zero', () => {
      const result = strategyParamsSchema.safeParse({ leverage: '0' });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['leverage']);
    });

    it('accepts a positive decimal string', () => {
      expect(strategyParamsSchema.parse({ leverage: '2.5' }).leverage).toBe('2.5');
    });
  });
});

describe('resolveStrategyParams', () => {
  it('refuses a "__proto__" key of a parsed layer instead of reading parameters through it', () => {
    expect(() => resolveStrategyParams({}, JSON.parse('{"__proto__": {"baseSize": "999"}}'))).toThrow(/__proto__/);
  });
});

describe('strategyParamsSchema bounds', () => {
  it('accepts the defaults and config/strategy.json as shipped', () => {
    expect(pathsOf({})).toEqual([]);
    expect(pathsOf(JSON.parse(readFileSync(join(__dirname, '../../../config/strategy.json'), 'utf8')))).toEqual([]);
  });

  it('refuses the oversized edits of the security review, naming each field', () => {
    expect(pathsOf({ bookBuilding: { tiers: tiers(2e9) }, intentTtlMs: 1e15, baseSize: '1000000000' })).toEqual([
      'baseSize: must be at most 1000000',
      'bookBuilding.tiers.0.levels: must be at most 100',
      `intentTtlMs: must be at most ${strategyParamBounds.intentTtlMs} (the executor refuses longer-lived intents)`,
    ]);
  });

  it.each([
    ['levels per tier', { bookBuilding: { tiers: tiers(101) } }, 'bookBuilding.tiers.0.levels'],
    ['orders per side', { maxOrdersPerSide: 501 }, 'maxOrdersPerSide'],
    ['orders per cycle', { maintenance: { perSide: { min: 5, max: 501 } } }, 'maintenance.perSide.max'],
    ['leverage', { leverage: '100.000000001' }, 'leverage'],
    ['net position', { maxNetPosition: '100000001' }, 'maxNetPosition'],
    ['a percentage', { marketMoving: { spread: { min: '0.1', max: '101' } } }, 'marketMoving.spread.max'],
    ['tiers', { bookBuilding: { tiers: Array.from({ length: 21 }, () => tiers(1)[0]) } }, 'bookBuilding.tiers'],
    ['an order-count threshold', { bookBuilding: { minTotalOrders: 10_001 } }, 'bookBuilding.minTotalOrders'],
  ])('refuses %s above its bound', (_what, value, path) => {
    expect(pathsOf(value).map((p) => p.split(':')[0])).toEqual([path]);
  });

  it('accepts each bound itself', () => {
    expect(pathsOf({ bookBuilding: { tiers: tiers(100) }, maxOrdersPerSide: 500, leverage: '100', intentTtlMs: strategyParamBounds.intentTtlMs, baseSize: '1000000' })).toEqual([]);
  });

  it('refuses a decimal string longer than 40 characters, even a small one', () => {
    const long = `1.${'0'.repeat(39)}`;
    expect(long).toHaveLength(41);
    expect(pathsOf({ baseSize: long })).toEqual(['baseSize: must be at most 40 characters']);
    expect(pathsOf({ baseSize: long.slice(0, 40) })).toEqual([]);
  });

  it('refuses a maintenance gap that is not below the market-moving gap, naming the maintenance field', () => {
    expect(pathsOf({ maintenance: { gapBelowPct: '15' } })).toEqual(['maintenance.gapBelowPct: must be below marketMoving.gapAbovePct (15)']);
    expect(pathsOf({ maintenance: { gapBelowPct: '14.99' } })).toEqual([]);
  });

  it('names each bad field of one edit, and never throws on garbage', () => {
    expect(pathsOf({ baseSize: 'x'.repeat(100), leverage: 7, maintenance: { gapBelowPct: 'abc' } }).map((p) => p.split(':')[0])).toEqual([
      'baseSize',
      'maintenance.gapBelowPct',
      'leverage',
    ]);
  });
});
