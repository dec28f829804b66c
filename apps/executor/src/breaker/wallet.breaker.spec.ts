import { WalletBreaker } from './wallet.breaker';

const fail = () => Promise.reject(new Error('chain down'));
const ok = () => Promise.resolve('ok');

describe('WalletBreaker', () => {
  let now = 0;
  beforeEach(() => {
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  function breaker() {
    const events: string[] = [];
    const b = new WalletBreaker({ failures: 3, cooldownMs: 1000, maxCooldownMs: 8000, onPause: (r) => events.push(`pause: ${r}`), onResume: () => events.push('resume') });
    return { b, events };
  }

  async function failTimes(b: WalletBreaker, n: number) {
    for (let i = 0; i < n; i++) await b.execute(fail).catch(() => undefined);
  }

  describe('when three batches fail in a row', () => {
    it('pauses the wallet and refuses work until the cool-down passes', async () => {
      const { b, events } = breaker();
      await failTimes(b, 3);
      expect(b.state).toBe('open');
      expect(events).toEqual(['pause: chain down']);
      await expect(b.execute(ok)).rejects.toThrow(/circuit breaker is open/);
    });

    it('resumes by itself when the probe after the cool-down succeeds', async () => {
      const { b, events } = breaker();
      await failTimes(b, 3);
      now += 1001;
      await expect(b.execute(ok)).resolves.toBe('ok');
      expect(b.state).toBe('closed');
      expect(events).toEqual(['pause: chain down', 'resume']);
    });
  });

  describe('when it trips again right after a failed probe', () => {
    it('waits longer the second time', async () => {
      const { b } = breaker();
      await failTimes(b, 3);
      now += 1001;
      await b.execute(fail).catch(() => undefined);
      expect(b.state).toBe('open');
      expect(b.trips).toBe(2);
      now += 1001;
      await expect(b.execute(ok)).rejects.toThrow(/circuit breaker is open/);
      now += 2000;
      await expect(b.execute(ok)).resolves.toBe('ok');
    });
  });

  describe('when failures are interleaved with successes', () => {
    it('stays closed', async () => {
      const { b } = breaker();
      for (let i = 0; i < 5; i++) {
        await failTimes(b, 2);
        await b.execute(ok);
      }
      expect(b.state).toBe('closed');
    });
  });
});
