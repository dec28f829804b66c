import type { Stack } from '@mirrorbook/testing/stack';
import { note } from './support/e2e.fixture';
import { expectManyWalletsTargets, runManyWallets, startManyWallets } from './support/many-wallets.scenario';

// The full size (4 wallets × 6 markets × 500 blocks) runs in the chaos/long suite
// (test/chaos/many-wallets.long.spec.ts); this is its short version for every `npm test`.
describe('e2e: 2 wallets × 3 markets for 100 blocks', () => {
  const options = { wallets: 2, markets: 3, blocks: 100 };
  let stack: Stack;

  beforeAll(async () => {
    stack = await startManyWallets(options);
  }, 240_000);
  afterAll(async () => stack?.stop());

  it('has no sequence errors, applies >= 99 % of the intents and leaves no orphan orders', async () => {
    const r = await runManyWallets(stack, options);
    note(`many wallets 2×3×100: ${JSON.stringify({ ...r, sim: undefined })}; sim ${JSON.stringify(r.sim)}`);
    expectManyWalletsTargets(r, options.blocks);
  }, 600_000);
});
