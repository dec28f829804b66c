import type { BotEntry, MarketPair } from '@mirrorbook/config';
import { ChainUnavailableError } from '@mirrorbook/injective';
import { Dec, type Market } from '@mirrorbook/market';
import { TESTNET_IDS, testnetMarket } from '../testing/market.fixture';
import { ChainSession, metadataChanges } from './chain.session';

const spot = testnetMarket('inj-usdt');
const pair = { key: 'inj-usdt', type: 'spot', mainnetMarketId: TESTNET_IDS['inj-usdt'], testnetMarketId: TESTNET_IDS['inj-usdt'], referencePrice: 'mid', strategy: {}, enabled: true } as unknown as MarketPair;
const bot = { id: 'b1', wallet: 'w1', markets: ['inj-usdt'], params: {}, enabled: true } as unknown as BotEntry;
const REFRESH_MS = 60_000;

/** A session over a chain whose answer for the market the spec sets, at a clock the spec moves. */
function sessionOver(): { session: ChainSession; chain: { answer: () => Market; reads: number }; clock: { now: number } } {
  const clock = { now: 1_000_000 };
  const chain = { answer: (): Market => spot, reads: 0 };
  const session = new ChainSession({
    config: { markets: [pair] },
    settings: { allowMainnetTrading: false, marketRefreshMs: REFRESH_MS },
    chain: {
      chainId: async () => 'injective-888',
      market: async () => {
        chain.reads += 1;
        return chain.answer();
      },
      network: { chainId: 'injective-888' } as never,
      networkName: 'testnet',
    },
    bots: { bots: [bot], paramsOf: () => ({ configuredBaseSize: new Dec(1), leverage: new Dec(1) }) as never },
    now: () => clock.now,
  });
  return { session, chain, clock };
}

describe('ChainSession.refresh', () => {
  it('reads the metadata again only once EXEC_MARKET_REFRESH_MS passed, and new orders get the changed tick', async () => {
    const { session, chain, clock } = sessionOver();
    await session.open();
    const wider = { ...spot, priceTick: new Dec('0.01') };
    chain.answer = () => wider;
    clock.now += REFRESH_MS - 1;
    await session.refresh();
    expect([chain.reads, session.markets.get('inj-usdt')!.priceTick.toFixed()]).toEqual([1, spot.priceTick.toFixed()]);
    clock.now += 1;
    await session.refresh();
    expect([chain.reads, session.markets.get('inj-usdt')!.priceTick.toFixed()]).toEqual([2, '0.01']);
  });

  it('reports a market that became inactive unavailable with its status, and trades it again once active', async () => {
    const { session, chain, clock } = sessionOver();
    await session.open();
    chain.answer = () => ({ ...spot, status: 'paused' });
    clock.now += REFRESH_MS;
    await session.refresh();
    expect(Object.fromEntries(session.unavailable)).toEqual({ 'inj-usdt': 'market inj-usdt is paused on chain' });
    expect(session.markets.get('inj-usdt')!.status).toBe('paused');
    chain.answer = () => spot;
    clock.now += REFRESH_MS;
    await session.refresh();
    expect(session.unavailable.size).toBe(0);
  });

  it('keeps the last metadata when the node is down', async () => {
    const { session, chain, clock } = sessionOver();
    await session.open();
    chain.answer = () => {
      throw new ChainUnavailableError('GET x', 'network', null);
    };
    clock.now += REFRESH_MS;
    await session.refresh();
    expect([session.markets.get('inj-usdt'), session.unavailable.size]).toEqual([spot, 0]);
  });
});

describe('metadataChanges', () => {
  it('names what the orders depend on that changed, nothing on a first read', () => {
    expect(metadataChanges(undefined, spot)).toEqual([]);
    expect(metadataChanges(spot, { ...spot, minNotional: new Dec('5'), status: 'paused' })).toEqual([
      `min notional ${spot.minNotional.toFixed()} → 5`,
      'status active → paused',
    ]);
  });
});
