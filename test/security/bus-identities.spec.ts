import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { AckPolicy, connect, RetentionPolicy, StorageType, type NatsConnection } from 'nats';
import { renderNatsAuthorization, renderRedisAcl, serviceIdentities } from '@mirrorbook/access';
import { intentConsumerName } from '@mirrorbook/contracts';
import { startNatsServer, startRedisServer, type TestNatsServer, type TestRedisServer } from '@mirrorbook/testing';

// The identities `npm start` and compose give the services, against real nats-server and
// redis-server processes: what each may do, and that the server refuses the rest.

// w3 and w4 share one executor process (EXECUTOR_WALLETS=w3,w4): one identity, executor-w3-w4
const identities = serviceIdentities(['w1', 'w2', 'w3', 'w4'], [['w3', 'w4']]);
const password = (name: string) => `pw-${name}-0123456789`;

describe('bus identities on real servers', () => {
  let dir: string;
  let nats: TestNatsServer;
  let redis: TestRedisServer;
  const open: NatsConnection[] = [];
  const redisClients: Redis[] = [];

  const natsAs = async (name: string, pass = password(name)) => {
    const nc = await connect({ servers: nats.url, user: name, pass, reconnect: false });
    open.push(nc);
    return nc;
  };
  const redisAs = (name: string, pass = password(name)) => {
    const client = new Redis({ port: redis.port, host: '127.0.0.1', username: name, password: pass, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    redisClients.push(client);
    return client;
  };
  /**
   * Publishes on a fresh connection of `name` and resolves with the server's answer: the
   * permissions violation it reports, or `accepted` once `witness` (a subscriber allowed to see the
   * subject) received the message.
   */
  const publishAs = async (name: string, subject: string, witness?: NatsConnection): Promise<string> => {
    const nc = await natsAs(name);
    const refused = (async () => {
      for await (const status of nc.status()) if (status.type === 'error') return String(status.data);
      return 'closed';
    })();
    const seen = witness
      ? new Promise<string>((resolve) => {
          const sub = witness.subscribe(subject, { max: 1, callback: () => resolve('accepted') });
          void witness.flush().then(() => {
            nc.publish(subject, new TextEncoder().encode('{}'));
            void sub;
          });
        })
      : (nc.publish(subject, new TextEncoder().encode('{}')), new Promise<string>(() => undefined));
    return Promise.race([refused, seen]);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mb-identities-'));
    writeFileSync(join(dir, 'nats.conf'), renderNatsAuthorization(identities, (name) => ({ literal: password(name) })));
    writeFileSync(join(dir, 'users.acl'), renderRedisAcl(identities, (name) => createHash('sha256').update(password(name)).digest('hex')));
    [nats, redis] = await Promise.all([startNatsServer({ configFile: join(dir, 'nats.conf') }), startRedisServer({ aclFile: join(dir, 'users.acl') })]);
    // the streams, created by the identities that own them
    const feed = await (await natsAs('price-feed')).jetstreamManager();
    await feed.streams.add({ name: 'MD', subjects: ['md.price.>'], storage: StorageType.Memory });
    const planner = await (await natsAs('strategy')).jetstreamManager();
    await planner.streams.add({ name: 'INTENTS', subjects: ['intent.>'], retention: RetentionPolicy.Workqueue, storage: StorageType.Memory });
  });

  afterAll(async () => {
    await Promise.all(open.map((nc) => nc.close().catch(() => undefined)));
    redisClients.forEach((c) => c.disconnect());
    await Promise.all([nats?.stop(), redis?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('NATS', () => {
    it('refuses a client without credentials or with a wrong password', async () => {
      await expect(connect({ servers: nats.url, reconnect: false })).rejects.toThrow(/Authorization Violation/);
      await expect(connect({ servers: nats.url, user: 'strategy', pass: 'guess', reconnect: false })).rejects.toThrow(/Authorization Violation/);
    });

    it('keeps an intent published with another service\'s credentials out of the intent stream; the strategy\'s goes in', async () => {
      expect(await publishAs('gateway', 'intent.w1')).toBe('PERMISSIONS_VIOLATION');
      expect(await publishAs('price-feed', 'intent.w1')).toBe('PERMISSIONS_VIOLATION');
      const planner = await natsAs('strategy');
      const jsm = await planner.jetstreamManager();
      expect((await jsm.streams.info('INTENTS')).state.messages).toBe(0);
      await planner.jetstream().publish('intent.w1', new TextEncoder().encode('{}'));
      expect((await jsm.streams.info('INTENTS')).state.messages).toBe(1);
    });

    it('an executor consumes its own wallet\'s intents and cannot touch another wallet\'s consumer', async () => {
      const own = await (await natsAs('executor-w1')).jetstreamManager();
      await own.consumers.add('INTENTS', { durable_name: intentConsumerName('w1'), filter_subject: 'intent.w1', ack_policy: AckPolicy.Explicit });
      const other = await (await natsAs('executor-w1')).jetstreamManager({ checkAPI: false });
      await expect(other.consumers.add('INTENTS', { durable_name: intentConsumerName('w2'), filter_subject: 'intent.w2', ack_policy: AckPolicy.Explicit })).rejects.toThrow(/Permissions Violation|timeout|TIMEOUT/i);
    });

    it('nobody may delete a stream; the gateway reads MD but may not create or change it', async () => {
      for (const name of ['gateway', 'strategy', 'executor-w1', 'price-feed']) {
        expect({ name, answer: await publishAs(name, '$JS.API.STREAM.DELETE.MD') }).toEqual({ name, answer: 'PERMISSIONS_VIOLATION' });
      }
      expect(await publishAs('gateway', '$JS.API.STREAM.UPDATE.MD')).toBe('PERMISSIONS_VIOLATION');
      const gateway = await natsAs('gateway');
      const jsm = await gateway.jetstreamManager();
      expect((await jsm.streams.info('MD')).config.name).toBe('MD');
    });

    it('only the price feed publishes market data, only executors report', async () => {
      const strategy = await natsAs('strategy');
      expect(await publishAs('strategy', 'md.price.mainnet.inj-usdt')).toBe('PERMISSIONS_VIOLATION');
      expect(await publishAs('price-feed', 'md.price.mainnet.inj-usdt', strategy)).toBe('accepted');
      expect(await publishAs('gateway', 'exec.report.w1')).toBe('PERMISSIONS_VIOLATION');
      expect(await publishAs('executor-w2', 'exec.report.w1')).toBe('PERMISSIONS_VIOLATION');
      expect(await publishAs('executor-w1', 'exec.report.w1', strategy)).toBe('accepted');
    });
  });

  describe('a grouped executor (executor-w3-w4): exactly the rights of its two wallets', () => {
    it('reports for both its wallets and for no other', async () => {
      const strategy = await natsAs('strategy');
      expect(await publishAs('executor-w3-w4', 'exec.report.w3', strategy)).toBe('accepted');
      expect(await publishAs('executor-w3-w4', 'exec.report.w4', strategy)).toBe('accepted');
      expect(await publishAs('executor-w3-w4', 'exec.report.w1')).toBe('PERMISSIONS_VIOLATION');
      expect(await publishAs('executor-w1', 'exec.report.w3')).toBe('PERMISSIONS_VIOLATION');
    });

    it("consumes both its wallets' intents and cannot touch another wallet's consumer", async () => {
      const own = await (await natsAs('executor-w3-w4')).jetstreamManager();
      for (const wallet of ['w3', 'w4']) {
        await own.consumers.add('INTENTS', { durable_name: intentConsumerName(wallet), filter_subject: `intent.${wallet}`, ack_policy: AckPolicy.Explicit });
      }
      const other = await (await natsAs('executor-w3-w4')).jetstreamManager({ checkAPI: false });
      await expect(other.consumers.add('INTENTS', { durable_name: intentConsumerName('w2'), filter_subject: 'intent.w2', ack_policy: AckPolicy.Explicit })).rejects.toThrow(/Permissions Violation|timeout|TIMEOUT/i);
    });

    it("writes both its wallets' keys in Redis and no other wallet's", async () => {
      const group = redisAs('executor-w3-w4');
      await expect(group.set('seq:w3', '1')).resolves.toBe('OK');
      await expect(group.set('seq:w4', '1')).resolves.toBe('OK');
      await expect(group.set('lease:executor:w4', 'me', 'PX', 1000)).resolves.toBe('OK');
      await expect(group.set('seq:w1', '1')).rejects.toThrow(/NOPERM/);
      await expect(group.set('lease:executor:w2', 'me', 'PX', 1000)).rejects.toThrow(/NOPERM/);
      await expect(redisAs('executor-w1').set('seq:w3', '1')).rejects.toThrow(/NOPERM/);
    });
  });

  describe('Redis', () => {
    it('refuses the default user', async () => {
      const anonymous = new Redis({ port: redis.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      anonymous.on('error', () => undefined);
      redisClients.push(anonymous);
      await anonymous.connect().catch(() => undefined);
      await expect(anonymous.get('bot:x')).rejects.toThrow(/NOAUTH|NOPERM|Connection is closed/);
    });

    it('lets each service write only its own keys', async () => {
      await expect(redisAs('executor-w1').set('seq:w1', '1')).resolves.toBe('OK');
      await expect(redisAs('executor-w1').set('seq:w2', '1')).rejects.toThrow(/NOPERM/);
      await expect(redisAs('strategy').set('lease:executor:w1', 'me')).rejects.toThrow(/NOPERM/);
      await expect(redisAs('gateway').set('bot:spot-inj', '{}')).resolves.toBe('OK');
      await expect(redisAs('executor-w1').set('bot:spot-inj', '{}')).rejects.toThrow(/NOPERM/);
      await expect(redisAs('cli').get('seq:w1')).resolves.toBe('1');
      await expect(redisAs('cli').set('seq:w1', '2')).rejects.toThrow(/NOPERM/);
      // the cli holds a wallet's lease while it signs; an executor claims only its own wallet's instance keys
      await expect(redisAs('cli').set('lease:executor:w1', 'cli-1', 'PX', 1000)).resolves.toBe('OK');
      await expect(redisAs('cli').set('instance:executor:w1:x', '1')).rejects.toThrow(/NOPERM/);
      await expect(redisAs('executor-w1').set('instance:executor:w1:executor-w1-a', '1')).resolves.toBe('OK');
      await expect(redisAs('executor-w1').set('instance:executor:w2:executor-w2-a', '1')).rejects.toThrow(/NOPERM/);
    });

    it('refuses dangerous commands to everyone', async () => {
      await expect(redisAs('executor-w1').flushall()).rejects.toThrow(/NOPERM/);
      await expect(redisAs('gateway').keys('*')).rejects.toThrow(/NOPERM/);
      await expect(redisAs('strategy').config('GET', 'requirepass')).rejects.toThrow(/NOPERM/);
    });

    it('runs the lease and token-bucket scripts (reads, writes and TIME inside Lua)', async () => {
      const executor = redisAs('executor-w1');
      const script = "local t = redis.call('TIME'); redis.call('HSET', KEYS[1], 'at', t[1]); return redis.call('HGET', KEYS[1], 'at')";
      await expect(executor.eval(script, 1, 'ratelimit:lcd:127.0.0.1:1')).resolves.toMatch(/^\d+$/);
      await expect(executor.eval("return redis.call('SET', KEYS[1], 'x')", 1, 'seq:w2')).rejects.toThrow(/NOPERM|permission/i);
    });
  });
});
