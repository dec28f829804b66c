import { join } from 'node:path';
import Redis from 'ioredis';
import { FencedStore, Lease, StaleFenceError } from '@mirrorbook/locking';
import { ManagedProcess, REPO_ROOT, startRedisServer, type TestRedisServer } from '@mirrorbook/testing';

const TTL = 600;

describe('the Redis lease', () => {
  let server: TestRedisServer;
  const clients: Redis[] = [];
  const leases: Lease[] = [];
  const client = () => {
    const c = new Redis(server.url);
    clients.push(c);
    return c;
  };
  const lease = (holderId: string, key = 'lease:executor:w1') => {
    const l = new Lease(client(), { key, fenceKey: `${key}:fence`, holderId, ttlMs: TTL });
    leases.push(l);
    return l;
  };

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterEach(async () => {
    await Promise.all(leases.splice(0).map((l) => l.release()));
    clients.splice(0).forEach((c) => c.disconnect());
  });
  afterAll(async () => server.stop());

  describe('when two contenders race', () => {
    it('gives it to exactly one and keeps it renewed past the ttl', async () => {
      const [a, b] = [lease('a'), lease('b')];
      const results = await Promise.all([a.tryAcquire(), b.tryAcquire()]);
      expect(results.filter(Boolean)).toHaveLength(1);
      await new Promise((r) => setTimeout(r, TTL * 2));
      const holder = results[0] ? a : b;
      expect(holder.held).toBe(true);
      expect(await (results[0] ? b : a).tryAcquire()).toBe(false);
    });

    it('hands over on release with a higher fencing token', async () => {
      const [a, b] = [lease('a'), lease('b')];
      const first = await a.acquire();
      const waiting = b.acquire();
      await a.release();
      expect(await waiting).toBeGreaterThan(first);
    });
  });

  describe('when another holder takes the key', () => {
    it('emits lost at the next renewal', async () => {
      const a = lease('a');
      await a.acquire();
      const lost = new Promise<string>((resolve) => a.once('lost', resolve));
      await client().set('lease:executor:w1', 'intruder');
      expect(await lost).toBe('another holder has the lease');
      expect(a.held).toBe(false);
      expect(a.token).toBeUndefined();
    });
  });

  describe('when the holder is killed with SIGKILL', () => {
    it('lets the standby take over within ttl + one renew interval, with a higher token', async () => {
      const key = 'lease:executor:killed';
      const holder = new ManagedProcess('lease-holder', process.execPath, [
        '-r', '@swc-node/register', join('test', 'locking', 'lease-holder.fixture.ts'), server.url, key, String(TTL),
      ], { cwd: REPO_ROOT });
      const [, childToken] = await holder.waitForOutput(/ACQUIRED (\d+)/);
      const standby = lease('standby', key);
      expect(await standby.tryAcquire()).toBe(false);
      const acquiring = standby.acquire();
      await holder.stop('SIGKILL');
      const killedAt = Date.now();
      const token = await acquiring;
      expect(Date.now() - killedAt).toBeLessThanOrEqual(TTL + standby.renewIntervalMs + 100);
      expect(token).toBeGreaterThan(Number(childToken));
    });
  });

  describe('fenced writes', () => {
    it('refuses a write with a lower token than the last one', async () => {
      const store = new FencedStore(client());
      await store.write('seq:w1', 5, '17');
      await store.write('seq:w1', 5, '18');
      await expect(store.write('seq:w1', 4, '99')).rejects.toBeInstanceOf(StaleFenceError);
      expect(await store.read('seq:w1')).toEqual({ fence: 5, value: '18' });
    });
  });
});
