import { register } from 'prom-client';
import { DurableOutbox, type DurableMessage } from './durable.outbox';

const message = (n: number): DurableMessage => ({ subject: `exec.report.w1`, family: 'execReport', data: new TextEncoder().encode(String(n)), msgId: `id-${n}` });

/** A JetStream stand-in that refuses publishes while `down`, recording every attempt and every stored message. */
function bus() {
  const state = { down: false, attempts: [] as string[], stored: [] as string[] };
  const publish = async (m: DurableMessage) => {
    state.attempts.push(m.msgId);
    if (state.down) throw new Error('connection closed');
    state.stored.push(m.msgId);
  };
  return { state, publish };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setImmediate(r));
  if (!check()) throw new Error('condition never held');
}

async function dropped(name: string): Promise<number> {
  const metric = await register.getSingleMetric('mirrorbook_outbox_dropped_total')?.get();
  return metric?.values.find((v) => v.labels.outbox === name)?.value ?? 0;
}

describe('DurableOutbox', () => {
  it('publishes in the order sent and resolves each send once its message is stored', async () => {
    const { state, publish } = bus();
    const outbox = new DurableOutbox(publish, { name: 't-order', capacity: 10, retryMs: 0, maxWaitMs: 60_000 });
    const results = await Promise.all([1, 2, 3].map((n) => outbox.send(message(n))));
    expect(results).toEqual([true, true, true]);
    expect(state.stored).toEqual(['id-1', 'id-2', 'id-3']);
    expect(outbox.size).toBe(0);
  });

  it('holds every message while publishes fail, releases the callers, and flushes them in order with the same ids once NATS is back', async () => {
    const { state, publish } = bus();
    state.down = true;
    const outbox = new DurableOutbox(publish, { name: 't-outage', capacity: 10, retryMs: 0, maxWaitMs: 60_000 });
    // the first failure releases the waiting caller: the outbox owns the message now
    await expect(outbox.send(message(1))).resolves.toBe(true);
    await expect(outbox.send(message(2))).resolves.toBe(true);
    await expect(outbox.send(message(3))).resolves.toBe(true);
    expect(outbox.size).toBe(3);
    expect(new Set(state.attempts)).toEqual(new Set(['id-1'])); // only the oldest is retried
    state.down = false;
    await until(() => outbox.size === 0);
    expect(state.stored).toEqual(['id-1', 'id-2', 'id-3']);
  });

  it('drops and counts what arrives once it holds `capacity` messages, keeping the ones it holds', async () => {
    const { state, publish } = bus();
    state.down = true;
    const outbox = new DurableOutbox(publish, { name: 't-bound', capacity: 2, retryMs: 0, maxWaitMs: 60_000 });
    const before = await dropped('t-bound');
    expect(await Promise.all([1, 2, 3, 4].map((n) => outbox.send(message(n))))).toEqual([true, true, false, false]);
    expect(await dropped('t-bound')).toBe(before + 2);
    state.down = false;
    await until(() => outbox.size === 0);
    expect(state.stored).toEqual(['id-1', 'id-2']);
  });

  it('returns from send after maxWaitMs when a publish neither succeeds nor fails (the outbox keeps the message)', async () => {
    let finish!: () => void;
    const hanging = () => new Promise<void>((resolve) => (finish = resolve));
    const outbox = new DurableOutbox(hanging, { name: 't-wait', capacity: 10, retryMs: 0, maxWaitMs: 1 });
    await expect(outbox.send(message(1))).resolves.toBe(true);
    expect(outbox.size).toBe(1);
    finish();
    await until(() => outbox.size === 0);
  });

  it('at close publishes what it can, then reports and drops the rest', async () => {
    const { state, publish } = bus();
    state.down = true;
    const outbox = new DurableOutbox(publish, { name: 't-close', capacity: 10, retryMs: 0, maxWaitMs: 60_000 });
    await outbox.send(message(1));
    expect(await outbox.close(0)).toBe(1);
    expect(await outbox.send(message(2))).toBe(false);
  });
});
