import { backoffAfter, RedisWriteOutbox } from './redis-write.outbox';

describe('RedisWriteOutbox', () => {
  let now = 1000;
  const options = { wallet: 'w1', maxAttempts: 3, backoffMs: 100, maxBackoffMs: 250, now: () => now };
  const written: string[] = [];
  let failing = new Set<string>();
  const write = (what: string) => async () => {
    if (failing.has(what)) throw new Error(`NOPERM ${what}`);
    written.push(what);
  };

  beforeEach(() => {
    now = 1000;
    written.length = 0;
    failing = new Set();
  });

  it('writes in the order given and is empty after', async () => {
    const outbox = new RedisWriteOutbox(options);
    outbox.add('seq', write('seq'));
    outbox.add('orders', write('orders'));
    expect(await outbox.flush()).toBe(true);
    expect(written).toEqual(['seq', 'orders']);
    expect(outbox.size).toBe(0);
  });

  it('keeps a failed write and everything behind it, and retries it only once its backoff passed', async () => {
    const outbox = new RedisWriteOutbox(options);
    failing.add('seq');
    outbox.add('seq', write('seq'));
    outbox.add('orders', write('orders'));
    expect(await outbox.flush()).toBe(false);
    expect({ written, pending: outbox.pending }).toEqual({ written: [], pending: ['seq', 'orders'] });
    failing.clear();
    now += 99;
    expect(await outbox.flush()).toBe(false);
    expect(written).toEqual([]);
    now += 1;
    expect(await outbox.flush()).toBe(true);
    expect(written).toEqual(['seq', 'orders']);
  });

  it('drops a write after maxAttempts and goes on with the next', async () => {
    const outbox = new RedisWriteOutbox(options);
    failing.add('seq');
    outbox.add('seq', write('seq'));
    outbox.add('orders', write('orders'));
    expect(await outbox.flush()).toBe(false);
    now += 100;
    expect(await outbox.flush()).toBe(false);
    now += 200;
    expect(await outbox.flush()).toBe(true);
    expect({ written, pending: outbox.pending }).toEqual({ written: ['orders'], pending: [] });
  });

  it('drops a write at once when its error is terminal', async () => {
    const outbox = new RedisWriteOutbox({ ...options, isTerminal: (e) => (e as Error).message.includes('seq') });
    failing.add('seq');
    outbox.add('seq', write('seq'));
    outbox.add('orders', write('orders'));
    expect(await outbox.flush()).toBe(true);
    expect(written).toEqual(['orders']);
  });

  it('doubles the backoff from the base up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffAfter(n, 100, 250))).toEqual([100, 200, 250, 250]);
  });
});
