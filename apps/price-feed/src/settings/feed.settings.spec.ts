import { envSchema, type MarketPair } from '@mirrorbook/config';
import { networkSides } from '@mirrorbook/injective';
import { feedSettingsFrom } from './feed.settings';

const pair = (key: string, overrides: Partial<MarketPair> = {}): MarketPair => ({
  key,
  type: 'spot',
  mainnetMarketId: `0x${'a'.repeat(64)}`,
  testnetMarketId: `0x${'b'.repeat(64)}`,
  referencePrice: 'mid',
  strategy: {},
  enabled: true,
  ...overrides,
});
const endpoints = networkSides('sim', { sim: 'http://sim' });

describe('feedSettingsFrom', () => {
  it('takes the defaults of the environment schema: one poll per 700 ms block, 20 requests/s per host', () => {
    const settings = feedSettingsFrom({ env: envSchema.parse({}), markets: [pair('inj-usdt')] }, endpoints);
    expect(settings).toMatchObject({
      pollIntervalMs: 700,
      staleAfterMs: 3000,
      downAfterMs: 30_000,
      requestBudgetPerSecond: 20,
      bookDepthPct: 10,
      refBookIntervalMs: 5000,
      republishIntervalMs: 5000,
      notes: [],
    });
  });

  it('polls only enabled pairs, mainnet id as reference and testnet id as trading', () => {
    const settings = feedSettingsFrom(
      { env: envSchema.parse({}), markets: [pair('inj-usdt'), pair('atom-usdt', { enabled: false })] },
      endpoints,
    );
    expect(settings.markets).toEqual([
      { key: 'inj-usdt', type: 'spot', referenceMarketId: `0x${'a'.repeat(64)}`, tradingMarketId: `0x${'b'.repeat(64)}`, referenceSource: 'mid' },
    ]);
  });

  it('collects a note for each pair whose reference source had to fall back', () => {
    const settings = feedSettingsFrom({ env: envSchema.parse({}), markets: [pair('inj-usdt', { referencePrice: 'last' })] }, endpoints);
    expect(settings.notes).toHaveLength(1);
  });

  it('reads the feed knobs from the environment', () => {
    const env = envSchema.parse({
      FEED_POLL_INTERVAL_MS: '250',
      FEED_REQUEST_BUDGET_PER_S: '12.5',
      FEED_STALE_AFTER_MS: '1500',
      FEED_REF_BOOK_INTERVAL_MS: '2000',
    });
    expect(feedSettingsFrom({ env, markets: [pair('inj-usdt')] }, endpoints)).toMatchObject({
      pollIntervalMs: 250,
      refBookIntervalMs: 2000,
      requestBudgetPerSecond: 12.5,
      staleAfterMs: 1500,
    });
  });
});
