import { join } from 'node:path';
import Redis from 'ioredis';
import { FencedStore, Lease, StaleFenceError } from '@mirrorbook/locking';
import { eventually, ManagedProcess, REPO_ROOT, startRedisServer, type TestRedisServer } from '@mirrorbook/testing';

const TTL = 600;

type Call = (...args: unknown[]) => Promise<unknown>;

/**
 * Wraps one command of a client to watch what Redis answered: `onReply(args, reply)` runs for
 * every call, `onCall(args)` before it is sent. The lease under test keeps using the client as is.
 */
function watch(c: Redis, command: 'set' | 'eval', hooks: { onCall?: (args: unknown[]) => void; onReply?: (args: unknown[], reply: unknown) => void }): void {
  const send = (c[command] as unknown as Call).bind(c);
  (c as unknown as Record<string, Call>)[command] = async (...args) => {
    hooks.onCall?.(args);
    const reply = await send(...args);
    hooks.onReply?.(args, reply);
    return reply;
  };
}

describe('the Redis lease', () => {
  let server: TestRedisServer;
  const clients: Redis[] = [];
  const leases: Lease[] = [];
  const client = () => {
    const c = new Redis(server.url);
    clients.push(c);
    return c;
  };
  const lease = (holderId: string, key = 'lease:executor:w1', c = client()) => {
    const l = new Lease(c, { key, fenceKey: `${key}:fence`, holderId, ttlMs: TTL });
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
      // the only EVAL a held lease sends is its renewal; count the ones Redis confirmed (1)
      const renewed = new Map<string, number>();
      const counted = (holderId: string) => {
        const c = client();
        watch(c, 'eval', { onReply: (_args, reply) => reply === 1 && renewed.set(holderId, (renewed.get(holderId) ?? 0) + 1) });
        return lease(holderId, 'lease:executor:w1', c);
      };
      const [a, b] = [counted('a'), counted('b')];
      const results = await Promise.all([a.tryAcquire(), b.tryAcquire()]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const [holder, other] = results[0] ? [a, b] : [a, b].reverse();
      const [holderId, token] = [results[0] ? 'a' : 'b', holder.token];
      const lost = jest.fn();
      holder.on('lost', lost);
      // renewals come one renew interval apart: this many confirmed span two ttls by the holder's own timer
      const enough = Math.ceil((2 * TTL) / holder.renewIntervalMs);
      await eventually(() => (renewed.get(holderId) ?? 0) >= enough || lost.mock.calls.length > 0, 30_000, `${enough} confirmed renewals`);
      expect(lost).not.toHaveBeenCalled();
      expect({ held: holder.held, token: holder.token }).toEqual({ held: true, token });
      expect(await client().get('lease:executor:w1')).toBe(holderId);
      expect(await other.tryAcquire()).toBe(false);
      expect(renewed.get(results[0] ? 'b' : 'a')).toBeUndefined();
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
    it('lets the standby take over once the dead holder\'s ttl runs out, at most ttl / renew interval + 1 refusals after the kill, with a higher token', async () => {
      const key = 'lease:executor:killed';
      const holder = new ManagedProcess('lease-holder', process.execPath, [
        '-r', '@swc-node/register', join('test', 'locking', 'lease-holder.fixture.ts'), server.url, key, String(TTL),
      ], { cwd: REPO_ROOT });
      const [, childToken] = await holder.waitForOutput(/ACQUIRED (\d+)/);
      // the standby's acquisition attempts (SET NX), marked by whether they were sent after the holder died
      let dead = false;
      const attempts: { afterDeath: boolean; ok?: boolean }[] = [];
      const c = client();
      watch(c, 'set', {
        onCall: () => attempts.push({ afterDeath: dead }),
        // the standby's attempts never overlap: a reply answers the latest one
        onReply: (_args, reply) => (attempts[attempts.length - 1].ok = reply === 'OK'),
      });
      const standby = lease('standby', key, c);
      expect(await standby.tryAcquire()).toBe(false);
      const acquiring = standby.acquire();
      await holder.stop('SIGKILL');
      dead = true;
      const token = await acquiring;
      expect(token).toBeGreaterThan(Number(childToken));
      // The dead holder's last renewal reached Redis at most as it died, so its key expires within
      // one ttl after; the standby tries again one renew interval after each refusal (load only
      // spaces its attempts further), so it is refused at most ttl / renew interval + 1 times after
      // the death and takes the lease at the next attempt. A lease that outlived its ttl, or a
      // standby that stopped trying, fails here, whatever the machine's speed.
      const afterDeath = attempts.filter((x) => x.afterDeath);
      expect(afterDeath.at(-1)).toEqual({ afterDeath: true, ok: true });
      const refusals = afterDeath.filter((x) => x.ok === false).length;
      expect(refusals).toBeLessThanOrEqual(Math.floor(TTL / standby.renewIntervalMs) + 1);
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
