import { batchIntentSchema } from '@mirrorbook/contracts';
import { buildIntent } from './intent.builder';

const plan = {
  phase: 'MAINTENANCE' as const,
  basedOn: { bookSeq: 41, priceSeq: 17, referencePrice: '25.01' },
  actions: [
    { type: 'cancel' as const, orderHash: `0x${'cd'.repeat(32)}` },
    { type: 'create' as const, side: 'buy' as const, price: '24.9', quantity: '0.3', postOnly: true, reduceOnly: false, cid: 'x-1-0' },
  ],
};

describe('buildIntent', () => {
  const intent = buildIntent({ bot: { id: 'spot-inj', wallet: 'w1' }, marketKey: 'inj-usdt', plan, id: 'x-1', nowMs: 1_700_000_000_000, ttlMs: 3000 });

  it('builds a payload the BatchIntent schema accepts', () => {
    expect(batchIntentSchema.parse(intent)).toEqual(intent);
  });

  it('addresses the wallet of the bot and names the bot', () => {
    expect(intent).toMatchObject({ v: 1, id: 'x-1', wallet: 'w1', bot: 'spot-inj' });
  });

  it('carries one market plan with the seqs it was planned from', () => {
    expect(intent.plans).toEqual([{ market: 'inj-usdt', phase: 'MAINTENANCE', basedOn: plan.basedOn, actions: plan.actions }]);
  });

  it('expires intentTtlMs after the planning instant', () => {
    expect([intent.ts, intent.deadline]).toEqual([1_700_000_000_000, 1_700_000_003_000]);
  });
});
