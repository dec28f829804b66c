import { backoffAfterFailure, isBackingOff, NO_BACKOFF } from './host.backoff';

const limits = { initialMs: 250, maxMs: 5000 };

describe('backoffAfterFailure', () => {
  it('doubles from the initial delay per consecutive failure, up to the cap', () => {
    let state = NO_BACKOFF;
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      state = backoffAfterFailure(state, 1000, null, limits);
      delays.push(state.until - 1000);
    }
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('honours a longer Retry-After from the server', () => {
    expect(backoffAfterFailure(NO_BACKOFF, 1000, 7000, limits).until).toBe(8000);
  });

  it('backs off until the time it names, not after', () => {
    const state = backoffAfterFailure(NO_BACKOFF, 1000, null, limits);
    expect([isBackingOff(state, 1249), isBackingOff(state, 1250)]).toEqual([true, false]);
  });
});
