import { resolveStrategyParams } from '@mirrorbook/contracts';
import type { BotEntry, MarketPair } from '@mirrorbook/config';
import { BotParamsResolver } from './bot-params.resolver';

const bot: BotEntry = { id: 'b1', wallet: 'w1', markets: ['atom-usdt'], params: { intentTtlMs: 4000 }, enabled: true };
const pair: MarketPair = {
  key: 'atom-usdt',
  type: 'spot',
  mainnetMarketId: `0x${'01'.repeat(32)}`,
  testnetMarketId: `0x${'02'.repeat(32)}`,
  referencePrice: 'mid',
  strategy: { baseSize: '10' },
  enabled: true,
};

describe('BotParamsResolver', () => {
  const resolver = () => new BotParamsResolver({ strategyDefaults: resolveStrategyParams() });

  it('layers defaults, the market, the bot and the live edits, in that order', () => {
    const params = resolver().resolve(bot, pair, { baseSize: '3' });
    expect([params.baseSize, params.intentTtlMs]).toEqual(['3', 4000]);
  });

  it('keeps the config layers without live edits', () => {
    expect(resolver().resolve(bot, pair, {}).baseSize).toBe('10');
  });

  it('returns the same object while the live edits stay the same (the planner caches by object)', () => {
    const r = resolver();
    expect(r.resolve(bot, pair, { baseSize: '3' })).toBe(r.resolve(bot, pair, { baseSize: '3' }));
  });

  it('applies a changed live edit at once', () => {
    const r = resolver();
    r.resolve(bot, pair, { baseSize: '3' });
    expect(r.resolve(bot, pair, { baseSize: '4' }).baseSize).toBe('4');
  });

  it('ignores live edits that do not validate and keeps the config layers', () => {
    expect(resolver().resolve(bot, pair, { baseSize: '-1' }).baseSize).toBe('10');
  });
});
