import { InFlightLimiter } from './in-flight.limiter';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('InFlightLimiter', () => {
  it('runs up to the limit at once and makes the next admission wait for a free slot', async () => {
    const limiter = new InFlightLimiter(2, () => undefined);
    const tasks = [deferred(), deferred(), deferred()];
    await limiter.admit(() => tasks[0].promise);
    await limiter.admit(() => tasks[1].promise);
    let third = false;
    const admitted = limiter.admit(async () => {
      third = true;
      await tasks[2].promise;
    });
    await Promise.resolve();
    expect([limiter.active, third]).toEqual([2, false]);
    tasks[0].resolve();
    await admitted;
    expect([limiter.active, third]).toEqual([2, true]);
    tasks[1].resolve();
    tasks[2].resolve();
    await limiter.close();
    expect(limiter.active).toBe(0);
  });

  it('hands a failing task to onError and frees its slot', async () => {
    const errors: unknown[] = [];
    const limiter = new InFlightLimiter(1, (e) => errors.push(e));
    await limiter.admit(() => Promise.reject(new Error('boom')));
    await limiter.close();
    expect(errors).toEqual([new Error('boom')]);
  });

  it('on close, waits for running tasks and refuses those still waiting for a slot', async () => {
    const limiter = new InFlightLimiter(1, () => undefined);
    const running = deferred();
    let finished = false;
    await limiter.admit(async () => {
      await running.promise;
      finished = true;
    });
    const waiting = limiter.admit(async () => undefined);
    const closed = limiter.close();
    expect(await waiting).toBe(false);
    running.resolve();
    await closed;
    expect(finished).toBe(true);
    expect(await limiter.admit(async () => undefined)).toBe(false);
  });
});
