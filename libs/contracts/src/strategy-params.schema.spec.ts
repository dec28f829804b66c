import { resolveStrategyParams, strategyParamsSchema } from './strategy-params.schema';

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
