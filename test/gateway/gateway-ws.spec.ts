import type { NatsConnection } from 'nats';
import { book, bytes, execReport, heartbeat, priceTick, rawClients, startTestServers, WsClient, type TestServers } from '@mirrorbook/testing';
import { startGateway, TOKEN, type GatewayUnderTest } from './gateway.fixture';

describe('gateway WebSocket /ws', () => {
  let servers: TestServers;
  let gw: GatewayUnderTest;
  let nc: NatsConnection;
  let closeRaw: () => Promise<void>;
  const clients: WsClient[] = [];
  const open = async (headers: Record<string, string> = {}) => {
    const client = await WsClient.open(gw.wsUrl, headers);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    servers = await startTestServers();
    gw = await startGateway(servers.env);
    ({ nc, close: closeRaw } = await rawClients(servers.env));
    nc.publish('md.price.sim.inj-usdt', bytes(priceTick({ seq: 1 })));
    await nc.jetstream().publish('exec.report.w1', bytes(execReport({ intentIds: ['before'] })));
    await nc.flush();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await closeRaw?.();
    await gw?.close();
    await servers?.stop();
  });

  describe('when a client subscribes', () => {
    it('gets a snapshot per topic, then deltas numbered after the snapshot', async () => {
      const client = await open();
      client.send({ op: 'subscribe', topics: ['prices', 'books', 'bots', 'executions', 'activity', 'services'] });
      const subscribed = await client.next((m) => m.type === 'subscribed');
      expect(subscribed).toMatchObject({ topics: ['prices', 'books', 'bots', 'executions', 'activity', 'services'], resumed: false, epoch: expect.any(String) });
      const snapshot = (topic: string) => client.next((m) => m.type === 'snapshot' && m.topic === topic);
      const [prices, bots, executions, services] = await Promise.all([snapshot('prices'), snapshot('bots'), snapshot('executions'), snapshot('services'), snapshot('books'), snapshot('activity')]);
      expect(prices.data.ticks).toEqual([expect.objectContaining({ market: 'inj-usdt', mid: '25', seq: 1 })]);
      expect(bots.data.map((b: { id: string }) => b.id)).toEqual(['spot-inj', 'perp-inj']);
      expect(executions.data).toEqual([expect.objectContaining({ kind: 'execution', data: expect.objectContaining({ intentIds: ['before'] }) })]);
      expect(Array.isArray(services.data)).toBe(true);

      nc.publish('md.price.sim.inj-usdt', bytes(priceTick({ seq: 2, mid: '25.2' })));
      nc.publish('md.book.sim.inj-usdt', bytes(book({ seq: 2 })));
      const ack = await nc.jetstream().publish('exec.report.w1', bytes(execReport({ intentIds: ['live'] })));
      const tick = await client.next((m) => m.type === 'delta' && m.topic === 'prices' && m.data.seq === 2);
      expect(tick).toMatchObject({ event: 'tick', data: { mid: '25.2' } });
      expect(tick.seq).toBeGreaterThan(prices.seq);
      await client.next((m) => m.type === 'delta' && m.topic === 'books' && m.event === 'book' && m.data.seq === 2);
      const report = await client.next((m) => m.type === 'delta' && m.topic === 'executions');
      expect(report).toMatchObject({ event: 'report', data: { id: ack.seq, kind: 'execution', data: { intentIds: ['live'] } } });
      await client.next((m) => m.type === 'delta' && m.topic === 'activity' && m.data.id === ack.seq);
      nc.publish('svc.heartbeat.strategy.s-1', bytes(heartbeat({ app: 'strategy', instance: 's-1', wallet: undefined })));
      await client.next((m) => m.type === 'delta' && m.topic === 'services' && m.data.instance === 's-1');
    });

    it('sends only the topics asked for', async () => {
      const client = await open();
      client.send({ op: 'subscribe', topics: ['services'] });
      await client.next((m) => m.type === 'snapshot' && m.topic === 'services');
      nc.publish('md.price.sim.inj-usdt', bytes(priceTick({ seq: 3 })));
      nc.publish('svc.heartbeat.strategy.s-2', bytes(heartbeat({ app: 'strategy', instance: 's-2', wallet: undefined })));
      await client.next((m) => m.type === 'delta' && m.data.instance === 's-2');
      expect(client.messages.filter((m) => m.topic === 'prices')).toEqual([]);
    });
  });

  describe('when a client reconnects with the last seq it saw', () => {
    it('replays the deltas it missed instead of a snapshot (same gateway process)', async () => {
      const first = await open();
      first.send({ op: 'subscribe', topics: ['prices'] });
      const snap = await first.next((m) => m.type === 'snapshot');
      const { epoch } = await first.next((m) => m.type === 'subscribed');
      await first.close();
      nc.publish('md.price.sim.atom-usdt', bytes(priceTick({ market: 'atom-usdt', seq: 10, mid: '8.1' })));
      nc.publish('md.price.sim.atom-usdt', bytes(priceTick({ market: 'atom-usdt', seq: 11, mid: '8.2' })));
      await nc.flush();
      const second = await open();
      // the deltas must have reached the hub before resuming: a third client observes them
      const observer = await open();
      observer.send({ op: 'subscribe', topics: ['prices'] });
      await observer.next((m) => m.type === 'snapshot' && m.data.ticks.some((t: { seq: number; market: string }) => t.market === 'atom-usdt' && t.seq === 11));
      second.send({ op: 'subscribe', topics: ['prices'], since: snap.seq, epoch });
      expect(await second.next((m) => m.type === 'subscribed')).toMatchObject({ resumed: true });
      await second.next((m) => m.type === 'delta' && m.data.seq === 11);
      expect(second.messages.filter((m) => m.type === 'delta').map((m) => m.data.mid)).toEqual(['8.1', '8.2']);
      expect(second.messages.some((m) => m.type === 'snapshot')).toBe(false);
    });

    it('gets a fresh snapshot when the seq came from another gateway process', async () => {
      const client = await open();
      client.send({ op: 'subscribe', topics: ['prices'], since: 1, epoch: 'someone-else' });
      expect(await client.next((m) => m.type === 'subscribed')).toMatchObject({ resumed: false });
      await client.next((m) => m.type === 'snapshot' && m.topic === 'prices');
    });
  });

  describe('control messages', () => {
    it('need the token like REST, then change the bot and push the new state to bots subscribers', async () => {
      const client = await open();
      client.send({ op: 'subscribe', topics: ['bots'] });
      await client.next((m) => m.type === 'snapshot');
      client.send({ op: 'control', bot: 'perp-inj', action: 'pause' });
      expect(await client.next((m) => m.type === 'error')).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
      client.send({ op: 'control', bot: 'perp-inj', action: 'pause', token: 'wrong-token-0123456789' });
      expect(await client.nextNew((m) => m.type === 'error')).toMatchObject({ message: 'invalid token' });
      client.send({ op: 'control', bot: 'perp-inj', action: 'pause', token: TOKEN });
      expect(await client.next((m) => m.type === 'control')).toMatchObject({ ok: true, bot: { id: 'perp-inj', desired: 'paused' } });
      await client.next((m) => m.type === 'delta' && m.topic === 'bots' && m.data.id === 'perp-inj' && m.data.desired === 'paused');
    });

    it('accept the token from the Authorization header of the upgrade request', async () => {
      const client = await open({ Authorization: `Bearer ${TOKEN}` });
      client.send({ op: 'control', bot: 'perp-inj', action: 'start' });
      expect(await client.next((m) => m.type === 'control')).toMatchObject({ bot: { desired: 'running' } });
      client.send({ op: 'control', bot: 'ghost', action: 'start' });
      expect(await client.next((m) => m.type === 'error')).toMatchObject({ status: 404, code: 'UNKNOWN_BOT' });
    });
  });

  describe('invalid messages', () => {
    it('are answered with an error naming the problem', async () => {
      const client = await open();
      client.send('not json');
      expect(await client.next((m) => m.type === 'error')).toMatchObject({ code: 'INVALID_MESSAGE', message: 'message is not JSON' });
      client.send({ op: 'dance' });
      expect(await client.nextNew((m) => m.type === 'error')).toMatchObject({ message: expect.stringContaining('unknown op "dance"') });
      client.send({ op: 'subscribe', topics: ['prices', 'gossip'] });
      const invalid = await client.nextNew((m) => m.type === 'error');
      expect(invalid).toMatchObject({ status: 400, code: 'INVALID_REQUEST', fieldErrors: { 'topics[1]': [expect.stringContaining('Invalid enum value')] } });
      client.send({ op: 'ping' });
      expect(await client.next((m) => m.type === 'pong')).toMatchObject({ epoch: expect.any(String) });
    });
  });
});
