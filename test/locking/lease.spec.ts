import { join } from 'node:path';
import Redis from 'ioredis';
import { DuplicateInstanceError, FencedStore, InstanceClaim, Lease, StaleFenceError, uniqueHolderValue } from '@mirrorbook/locking';
import { eventually, ManagedProcess, REPO_ROOT, startRedisServer, type TestRedisServer } from '@mirrorbook/testing';

const TTL = 600;

type Call = (...args: unknown[]) => Promise<unknown>;

/**
 * Wraps one command of a client to watch what Redis answered: `onReply(args, reply)` runs for
 * every call, `onCall(args)` before it is sent. The lease under test keeps using the client as is.
 */
function watch(c: Redis, command: 'eval', hooks: { onCall?: (args: unknown[]) => void; onReply?: (args: unknown[], reply: unknown) => void }): void {
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
  beforeEach(async () => {
    await client().flushall();
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
      // the standby's acquisition attempts (its only EVALs: the acquire script), marked by whether they were sent after the holder died
      let dead = false;
      const attempts: { afterDeath: boolean; ok?: boolean }[] = [];
      const c = client();
      watch(c, 'eval', {
        onCall: () => attempts.push({ afterDeath: dead }),
        // the standby's attempts never overlap: a reply answers the latest one
        onReply: (_args, reply) => (attempts[attempts.length - 1].ok = Number(reply) > 0),
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

  describe('two processes started with one instance id', () => {
    it('never both hold the lease: their holder values differ, the loser stays out and its verification fails', async () => {
      const [first, second] = [uniqueHolderValue('executor-w1-a'), uniqueHolderValue('executor-w1-a')];
      expect(first).not.toBe(second);
      const [a, b] = [lease(first), lease(second)];
      const results = await Promise.all([a.tryAcquire(), b.tryAcquire()]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const [holder, other] = results[0] ? [a, b] : [b, a];
      expect(await holder.verify()).toBeUndefined();
      expect(await other.verify()).toBe('not held');
      expect(await client().get('lease:executor:w1')).toBe(holder.holderId);
    });

    it('refuses the second claim of the instance id while the first process keeps it alive, and takes it once released', async () => {
      const key = 'instance:executor:w1:executor-w1-a';
      const first = new InstanceClaim(client(), { key, value: uniqueHolderValue('executor-w1-a'), ttlMs: TTL });
      const second = new InstanceClaim(client(), { key, value: uniqueHolderValue('executor-w1-a'), ttlMs: TTL });
      await first.claim();
      // the second waits 2 × ttl for a dead predecessor's claim to run out; a live one keeps renewing it
      await expect(second.claim()).rejects.toBeInstanceOf(DuplicateInstanceError);
      await first.release();
      await second.claim();
      await second.release();
    });
  });

  describe('verification before acting', () => {
    it('passes while the lease names us under our token, and fails (emitting lost) once the fence moved', async () => {
      const a = lease('a');
      const token = await a.acquire();
      expect(await a.verify()).toBeUndefined();
      const lost = new Promise<string>((resolve) => a.once('lost', resolve));
      await client().incr('lease:executor:w1:fence');
      expect(await a.verify()).toBe(`the fence moved past token ${token}`);
      expect(await lost).toBe(`the fence moved past token ${token}`);
      expect(a.held).toBe(false);
    });

    it('fails once the lease key names another holder', async () => {
      const a = lease('a');
      await a.acquire();
      await client().set('lease:executor:w1', 'intruder');
      expect(await a.verify()).toBe('the lease key names another holder or nobody');
      expect(a.held).toBe(false);
    });
  });

  describe('the local deadline', () => {
    it('is acquisition + ttl on the injected monotonic clock, and a renewal after it passed loses the lease', async () => {
      let now = 1_000;
      const l = new Lease(client(), { key: 'lease:executor:clock', fenceKey: 'fence:executor:clock', holderId: 'a', ttlMs: TTL, now: () => now });
      leases.push(l);
      await l.acquire();
      expect(l.msLeft()).toBe(TTL);
      now += TTL / 2;
      expect(l.msLeft()).toBe(TTL / 2);
      // as if the process had been stopped past its ttl: the next renewal must not extend a lease that may have changed hands
      now += TTL;
      expect(l.msLeft()).toBe(0);
      const reason = await new Promise<string>((resolve) => l.once('lost', resolve));
      expect(reason).toBe('the lease ran out before it was renewed');
    });
  });

  describe('when an acquisition attempt reached Redis after its reply timed out', () => {
    it('takes the lease that already holds its own value, with a new token', async () => {
      const c = client();
      const before = Number(await c.incr('lease:executor:w1:fence'));
      await c.set('lease:executor:w1', 'a', 'PX', 60_000);
      const a = lease('a');
      expect(await a.tryAcquire()).toBe(true);
      expect(a.token).toBe(before + 1);
      expect(await c.pttl('lease:executor:w1')).toBeLessThanOrEqual(TTL);
    });
  });

  describe('when Redis stops answering (black-holed)', () => {
    it('emits lost by the renewal\'s command timeout, before the ttl runs out', async () => {
      const own = await startRedisServer();
      const c = new Redis(own.url, { commandTimeout: 100, maxRetriesPerRequest: 0 });
      clients.push(c);
      const ttl = 1500;
      const l = new Lease(c, { key: 'lease:executor:w1', fenceKey: 'fence:executor:w1', holderId: 'a', ttlMs: ttl });
      try {
        await l.acquire();
        const lost = new Promise<string>((resolve) => l.once('lost', resolve));
        await own.pause();
        const reason = await lost;
        // noticed by the renewal's own timeout (not by the ttl running out)
        expect(reason).toMatch(/^renewal failed: .*timed out/i);
        expect(l.redisAnswering).toBe(false);
        expect(l.held).toBe(false);
      } finally {
        await own.resume();
        c.disconnect();
        await own.stop();
      }
    });
  });

  describe('fenced writes', () => {
    it('refuses a write with a lower token than the last one', async () => {
      const store = new FencedStore(client(), 'a');
      await store.write('seq:w1', 5, '17');
      await store.write('seq:w1', 5, '18');
      await expect(store.write('seq:w1', 4, '99')).rejects.toBeInstanceOf(StaleFenceError);
      expect(await store.read('seq:w1')).toEqual({ fence: 5, value: '18' });
    });

    it('refuses an equal token from another holder (tokens restart after Redis lost its state), accepts a higher one', async () => {
      const c = client();
      await new FencedStore(c, 'a').write('seq:w1', 3, '10');
      await expect(new FencedStore(c, 'b').write('seq:w1', 3, '99')).rejects.toBeInstanceOf(StaleFenceError);
      expect(await new FencedStore(c, 'a').read('seq:w1')).toEqual({ fence: 3, value: '10' });
      await new FencedStore(c, 'b').write('seq:w1', 4, '11');
      await expect(new FencedStore(c, 'a').write('seq:w1', 4, '12')).rejects.toBeInstanceOf(StaleFenceError);
      expect(await c.hgetall('seq:w1')).toEqual({ fence: '4', value: '11', holder: 'b' });
    });

    it('accepts the equal token on a record of the older format (no holder) and adds the holder', async () => {
      const c = client();
      await c.hset('seq:w1', 'fence', '7', 'value', '20');
      await new FencedStore(c, 'a').write('seq:w1', 7, '21');
      expect(await c.hgetall('seq:w1')).toEqual({ fence: '7', value: '21', holder: 'a' });
      await expect(new FencedStore(c, 'b').write('seq:w1', 7, '22')).rejects.toBeInstanceOf(StaleFenceError);
    });
  });
});
