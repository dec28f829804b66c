import { ZodError } from 'zod';
import { resolveStrategyParams } from '@mirrorbook/contracts';
import { effectiveStrategyParams } from './effective-params.resolver';

const defaults = resolveStrategyParams();
const market = { strategy: { baseSize: '10' } };
const bot = { params: { intentTtlMs: 4000 } };

describe('effectiveStrategyParams', () => {
  it('layers the defaults, the market, the bot and the live edits, in that order', () => {
    const { params, rejectedLive } = effectiveStrategyParams(defaults, market, bot, { baseSize: '3' });
    expect([params.baseSize, params.intentTtlMs, rejectedLive]).toEqual(['3', 4000, null]);
  });

  it('takes a missing market or bot as no overrides', () => {
    expect(effectiveStrategyParams(defaults, undefined, undefined).params).toEqual(defaults);
  });

  describe('when the live edits do not validate', () => {
    const resolved = effectiveStrategyParams(defaults, market, bot, { baseSize: '-1' });

    it('keeps the config layers', () => {
      expect([resolved.params.baseSize, resolved.params.intentTtlMs]).toEqual(['10', 4000]);
    });

    it('says which field was set aside', () => {
      expect(resolved.rejectedLive?.map((issue) => issue.path)).toEqual([['baseSize']]);
    });
  });

  it('throws when the config layers themselves do not validate', () => {
    expect(() => effectiveStrategyParams(defaults, { strategy: { baseSize: '0' } }, bot)).toThrow(ZodError);
  });
});
