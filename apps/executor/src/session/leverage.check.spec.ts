import { ConfigError, type BotEntry, type MarketPair } from '@mirrorbook/config';
import { Dec, type Market } from '@mirrorbook/market';
import { TESTNET_IDS, testnetMarket } from '../testing/market.fixture';
import { ChainSession } from './chain.session';
import { leverageProblems } from './leverage.check';

// testnet INJ/USDT PERP: initial margin ratio 0.083333, so leverage must stay below 12.000048…
const perp = testnetMarket('inj-usdt-perp');
const spot = testnetMarket('inj-usdt');
const markets = new Map<string, Market>([
  ['inj-usdt-perp', perp],
  ['inj-usdt', spot],
]);
const pair = (key: 'inj-usdt' | 'inj-usdt-perp', strategy: Record<string, string> = {}): MarketPair =>
  ({ key, type: key === 'inj-usdt' ? 'spot' : 'derivative', mainnetMarketId: TESTNET_IDS[key], testnetMarketId: TESTNET_IDS[key], referencePrice: 'mid', strategy, enabled: true }) as MarketPair;
const bot = (params: Record<string, string> = {}): BotEntry =>
  ({ id: 'perp-inj', wallet: 'w2', markets: ['inj-usdt-perp', 'inj-usdt'], params, enabled: true }) as BotEntry;
const leverage = (value: string) => () => ({ configuredBaseSize: new Dec(1), configuredMaxNetPosition: new Dec(100), leverage: new Dec(value) });

describe('leverageProblems', () => {
  it('accepts a leverage below 1 / IMR', () => {
    expect(leverageProblems([bot({ leverage: '12' })], [pair('inj-usdt-perp')], markets, leverage('12'))).toEqual([]);
  });

  it('refuses a leverage at or above 1 / IMR, naming the field it comes from', () => {
    expect(leverageProblems([bot({ leverage: '12.5' })], [pair('inj-usdt'), pair('inj-usdt-perp')], markets, leverage('12.5'))).toEqual([
      'bots.json: bots[id=perp-inj].params.leverage: leverage 12.5 of bot perp-inj on inj-usdt-perp must stay below 1 / initial margin ratio 0.083333 = 12.000048',
    ]);
    expect(leverageProblems([bot()], [pair('inj-usdt'), pair('inj-usdt-perp', { leverage: '20' })], markets, leverage('20'))[0]).toMatch(
      /^markets\.json: markets\[1\]\.strategy\.leverage: leverage 20 /,
    );
    expect(leverageProblems([bot()], [pair('inj-usdt-perp')], markets, leverage('13'))[0]).toMatch(/^strategy\.json: leverage: leverage 13 /);
  });

  it('exactly 1 / IMR is refused too (margin = IMR × notional leaves nothing for the mark-price rule)', () => {
    const exact = new Map([['inj-usdt-perp', { ...perp, initialMarginRatio: new Dec('0.1') }]]);
    expect(leverageProblems([bot({ leverage: '10' })], [pair('inj-usdt-perp')], exact, leverage('10'))).toHaveLength(1);
    expect(leverageProblems([bot({ leverage: '9.99' })], [pair('inj-usdt-perp')], exact, leverage('9.99'))).toEqual([]);
  });
});

describe('ChainSession.open', () => {
  it('stops with a ConfigError naming the field when a bot leverage reaches 1 / IMR', async () => {
    const session = new ChainSession({
      config: { markets: [pair('inj-usdt-perp')] },
      settings: { allowMainnetTrading: false, marketRefreshMs: 60_000 },
      chain: { chainId: async () => 'injective-888', market: async () => perp, network: { chainId: 'injective-888' } as never, networkName: 'testnet' },
      bots: { bots: [{ ...bot({ leverage: '15' }), markets: ['inj-usdt-perp'] }], paramsOf: leverage('15') },
    });
    const error = await session.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'bots.json: bots[id=perp-inj].params.leverage: leverage 15 of bot perp-inj on inj-usdt-perp must stay below 1 / initial margin ratio 0.083333 = 12.000048',
    ]);
  });
});
