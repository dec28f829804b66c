import type { StoredOrder } from '@mirrorbook/contracts';
import { Dec } from '@mirrorbook/market';
import { createAction } from '../testing/intent.fixture';
import { testnetMarket } from '../testing/market.fixture';
import { buildBatchInput } from './batch-input.builder';
import { mapBatchOutcome } from './batch-outcome.mapper';
import type { MergedBatch } from './merged-batch.model';

const hash = (byte: string) => `0x${byte.repeat(32)}`;
const stored = (orderHash: string, cid: string): StoredOrder => ({ orderHash, cid, side: 'sell', price: '11', quantity: '2', createdAt: 1, height: 3 });
const markets = { 'inj-usdt': testnetMarket('inj-usdt'), 'atom-usdt': testnetMarket('atom-usdt'), 'inj-usdt-perp': testnetMarket('inj-usdt-perp') };

const batch: MergedBatch = {
  intentIds: ['i1'],
  plannedAt: 0,
  bookSeqs: new Map(),
  markets: [
    { market: 'inj-usdt', cancelAll: false, cancels: [hash('01'), hash('02')], creates: [{ market: 'inj-usdt', bot: 'b', intentId: 'i1', action: createAction({ cid: 's1' }) }, { market: 'inj-usdt', bot: 'b', intentId: 'i1', action: createAction({ cid: 's2' }) }] },
    { market: 'inj-usdt-perp', cancelAll: true, cancels: [], creates: [{ market: 'inj-usdt-perp', bot: 'b', intentId: 'i1', action: createAction({ cid: 'd1', side: 'sell' }) }] },
  ],
};
const built = buildBatchInput(batch, {
  injectiveAddress: 'inj1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq',
  subaccountId: `0x${'0'.repeat(64)}`,
  market: (key) => markets[key as keyof typeof markets],
  leverage: () => new Dec(3),
});
const before: Record<string, StoredOrder[]> = {
  'inj-usdt': [stored(hash('01'), 'old-1'), stored(hash('02'), 'old-2')],
  'inj-usdt-perp': [stored(hash('0a'), 'perp-old')],
};

describe('buildBatchInput', () => {
  it('splits spot and derivative lists, cancel-all by market id, leverage for derivative margin', () => {
    expect(built.input.spotCreates?.map((c) => c.cid)).toEqual(['s1', 's2']);
    expect(built.input.derivativeCreates?.[0]).toMatchObject({ cid: 'd1', side: 'sell', leverage: new Dec(3) });
    expect(built.input.spotCancels).toEqual([
      { marketId: markets['inj-usdt'].id, orderHash: hash('01') },
      { marketId: markets['inj-usdt'].id, orderHash: hash('02') },
    ]);
    expect(built.input.derivativeCancelAll).toEqual([markets['inj-usdt-perp'].id]);
    expect(built.cancelAllMarkets).toEqual(['inj-usdt-perp']);
  });
});

describe('mapBatchOutcome', () => {
  const outcome = mapBatchOutcome(
    built,
    {
      height: 42,
      spotCreateResults: [{ orderHash: hash('c1'), failureCode: null }, { orderHash: null, failureCode: 97 }],
      derivativeCreateResults: [{ orderHash: hash('d1'), failureCode: null }],
      spotCancelSuccess: [true, false],
      derivativeCancelSuccess: [],
    },
    { wallet: 'w1', now: 1000, storedBefore: (m) => before[m] ?? [] },
  );

  it('matches created hashes to cids and stores them', () => {
    expect(outcome.createdOrderHashes).toEqual([hash('c1'), hash('d1')]);
    expect(outcome.changes.get('inj-usdt')?.upsert).toEqual([
      { orderHash: hash('c1'), cid: 's1', side: 'buy', price: '10', quantity: '1', createdAt: 1000, height: 42 },
    ]);
  });

  it('reports a refused create with the chain code and a rejected event', () => {
    expect(outcome.failed).toContainEqual({ cid: 's2', reason: 'refused by the chain (code 97)' });
    expect(outcome.events.find((e) => e.cid === 's2')).toMatchObject({ kind: 'rejected', orderHash: null, reason: 'refused by the chain (code 97)' });
  });

  it('removes cancelled orders, including everything a cancel-all covered, with cancelled events', () => {
    expect(outcome.cancelledOrderHashes).toEqual([hash('0a'), hash('01')]);
    expect(outcome.changes.get('inj-usdt-perp')?.remove).toEqual([hash('0a')]);
    expect(outcome.events.filter((e) => e.kind === 'cancelled').map((e) => e.cid)).toEqual(['perp-old', 'old-1']);
  });

  it('drops an order the chain no longer had and lists the cancel as failed', () => {
    expect(outcome.changes.get('inj-usdt')?.remove).toEqual([hash('01'), hash('02')]);
    expect(outcome.failed).toContainEqual({ cid: hash('02'), reason: 'cancel found no such order on chain (already filled or cancelled)' });
  });
});
