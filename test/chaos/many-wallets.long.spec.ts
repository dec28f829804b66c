import type { Stack } from '@mirrorbook/testing/stack';
import { note } from '../e2e/support/e2e.fixture';
import { expectManyWalletsTargets, runManyWallets, startManyWallets } from '../e2e/support/many-wallets.scenario';
import { keyLeaks } from './support/chaos.fixture';

// The full-size run of the issue; test/e2e/many-wallets.spec.ts runs 2 × 3 × 100 in every `npm test`.
describe('long: 4 wallets × 6 markets for 500 blocks', () => {
  const options = { wallets: 4, markets: 6, blocks: 500 };
  let stack: Stack;

  beforeAll(async () => {
    stack = await startManyWallets(options);
  }, 240_000);
  afterAll(async () => stack?.stop());

  it('has no sequence errors, applies >= 99 % of the intents and leaves no orphan orders', async () => {
    const r = await runManyWallets(stack, options);
    note(`many wallets 4×6×500: ${JSON.stringify({ ...r, sim: undefined })}; sim ${JSON.stringify(r.sim)}`);
    expectManyWalletsTargets(r, options.blocks);
    for (const [name, proc] of stack.procs) expect({ name, running: proc.running }).toEqual({ name, running: true });
  }, 1_800_000);

  it('never shows a wallet key: not in a log line, a NATS message of the run or a Redis value', async () => {
    const leaks = await keyLeaks(stack);
    note(`key check (many wallets): ${JSON.stringify(leaks)}`);
    expect(leaks).toMatchObject({ logs: 0, nats: 0, redis: 0 });
  });
});
