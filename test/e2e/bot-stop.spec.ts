import type { Stack } from '@mirrorbook/testing/stack';
import { eventually } from '@mirrorbook/testing';
import { botBook, calmPrice, diagnose, firstHeightWhere, note, reportedCreatedSince, reportedHeight, startScenario } from './support/e2e.fixture';

const MARKETS = ['inj-usdt', 'inj-usdt-perp'];

describe('e2e: stopping a bot from the gateway', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startScenario({
      markets: MARKETS,
      // one bot quoting a spot and a perp market, and a second bot on another wallet that keeps running
      bots: [
        { id: 'quoter', wallet: 'w1', markets: MARKETS },
        { id: 'other', wallet: 'w2', markets: ['inj-usdt'] },
      ],
      sim: { exchange: { pairs: { 'inj-usdt': { price: calmPrice('25') }, 'inj-usdt-perp': { price: calmPrice('25') } } } },
    });
    for (const key of MARKETS) await eventually(async () => (await botBook(stack, 'w1', key)).orders >= 54, 60_000, `a full ${key} book`);
    await eventually(async () => (await botBook(stack, 'w2', 'inj-usdt')).orders > 0, 60_000, "the other bot's orders");
    await stack.waitBlocks(2);
  }, 240_000);
  afterAll(async () => stack?.stop());

  it('leaves none of its orders on the book within 2 blocks, and places none afterwards', async () => {
    const before = await Promise.all(MARKETS.map((key) => botBook(stack, 'w1', key)));
    const stoppedAt = await stack.height();
    const res = await stack.gateway('POST', '/api/bots/quoter/stop');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'quoter', desired: 'stopped' });

    const seenAt = await firstHeightWhere(
      stack,
      async () => {
        const books = await Promise.all(MARKETS.map((key) => botBook(stack, 'w1', key)));
        return { height: Math.max(...books.map((b) => b.height)), ok: books.every((b) => b.orders === 0) };
      },
      stoppedAt + 20,
    );
    expect(seenAt).toBeLessThanOrEqual(stoppedAt + 20);
    // the block from which none was left: the inclusion height of the txs that cancelled the orders
    // there at the stop and any an in-flight tx placed after it (the executor's reports), not the
    // height next to the poll that saw the book empty
    const gone = [...before.flatMap((b) => b.orderHashes), ...reportedCreatedSince(stack, 'w1', stoppedAt)];
    const emptyAt = await reportedHeight(stack, 'w1', gone, 'cancelled');
    note(`stop: ${before.map((b, i) => `${MARKETS[i]} ${b.orders} orders`).join(', ')} at height ${stoppedAt}; none left at ${emptyAt} (${emptyAt - stoppedAt} blocks), seen at ${seenAt}`);
    if (emptyAt - stoppedAt > 2) note(await diagnose(stack));
    expect(emptyAt).toBeLessThanOrEqual(seenAt);
    expect(emptyAt - stoppedAt).toBeLessThanOrEqual(2);

    // it stays stopped: no orders come back over the next blocks, while the other bot trades on
    const until = (await stack.height()) + 5;
    while ((await stack.height()) < until) {
      for (const key of MARKETS) expect((await botBook(stack, 'w1', key)).orders).toBe(0);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await botBook(stack, 'w2', 'inj-usdt')).orders).toBeGreaterThan(0);
    note(await diagnose(stack));
  }, 120_000);
});
