import request from 'supertest';
import { register } from 'prom-client';
import type Redis from 'ioredis';
import type { NatsConnection } from 'nats';
import { botStateSchema, redisKeys, type BotState } from '@mirrorbook/contracts';
import { balances, book, bytes, eventually, execReport, feedStatus, heartbeat, orderEvent, priceTick, rawClients, startTestServers, storedFees, storedOrder, type TestServers } from '@mirrorbook/testing';
import { holdClock, startGateway, TOKEN, type GatewayUnderTest } from './gateway.fixture';

const auth = { Authorization: `Bearer ${TOKEN}` };
const EXECUTOR_KEY = 'c87509a1c067bbde78beb793e6fa76530b6382a4c0241e5e4a9ec0a0f44dc0d3';

describe('gateway REST API against real NATS and Redis', () => {
  let servers: TestServers;
  let gw: GatewayUnderTest;
  let nc: NatsConnection;
  let redis: Redis;
  let closeRaw: () => Promise<void>;
  const botStates: BotState[] = [];

  beforeAll(async () => {
    servers = await startTestServers();
    gw = await startGateway(servers.env);
    ({ nc, redis, close: closeRaw } = await rawClients(servers.env));
    const sub = nc.subscribe('bot.state.>');
    void (async () => {
      for await (const msg of sub) botStates.push(botStateSchema.parse(JSON.parse(new TextDecoder().decode(msg.data))));
    })();
    await nc.flush();
  });
  afterAll(async () => {
    await closeRaw?.();
    await gw?.close();
    await servers?.stop();
  });

  const http = () => request(gw.url);
  /** the in-process gateway's `mirrorbook_invalid_messages_total{family,reason}` */
  const invalidCount = async (family: string, reason: string) =>
    (await register.getSingleMetric('mirrorbook_invalid_messages_total')?.get())?.values.find((v) => v.labels.family === family && v.labels.reason === reason)?.value ?? 0;

  /** the in-process gateway's `mirrorbook_gateway_invalid_stored_values_total{family}` */
  const invalidStoredCount = async (family: string) =>
    (await register.getSingleMetric('mirrorbook_gateway_invalid_stored_values_total')?.get())?.values.find((v) => v.labels.family === family)?.value ?? 0;

  describe('GET /api/bots', () => {
    it('lists the configured bots with the config default state when bot:<id> is missing', async () => {
      const { body } = await http().get('/api/bots').expect(200);
      expect(body.map((b: { id: string }) => b.id)).toEqual(['spot-inj', 'perp-inj']);
      expect(body[0]).toMatchObject({ desired: 'running', source: 'config', by: 'config', kind: 'spot', enabledInConfig: true, wallet: { id: 'w1', label: 'demo spot wallet' } });
      expect(body[1]).toMatchObject({ kind: 'perp', configParams: { leverage: '3' } });
      expect(body[1].effectiveParams['inj-usdt-perp']).toMatchObject({ leverage: '3', maxNetPosition: '50' });
    });

    it('shows a bot without a record as stopped (no record) while bots:bootstrap is missing; POST /api/bots/bootstrap writes it once and announces the states', async () => {
      const marker = await redis.get(redisKeys.botsBootstrap());
      expect(marker).not.toBeNull();
      await redis.del(redisKeys.botsBootstrap());
      const lost = await http().get('/api/bots').expect(200);
      expect(lost.body[0]).toMatchObject({ desired: 'stopped', source: 'none', by: 'no-record' });
      await http().post('/api/bots/bootstrap').expect(401);
      const before = botStates.length;
      const first = await http().post('/api/bots/bootstrap').set(auth).expect(200);
      expect(first.body).toMatchObject({ bootstrapped: true, by: 'gateway', written: true });
      await eventually(() => botStates.length >= before + 2, 5000, 'both states announced on bot.state');
      expect(botStates.slice(before).map((b) => [b.bot, b.desired])).toEqual([['spot-inj', 'running'], ['perp-inj', 'running']]);
      const again = await http().post('/api/bots/bootstrap').set(auth).expect(200);
      expect(again.body).toMatchObject({ written: false, at: first.body.at });
      const { body } = await http().get('/api/bots').expect(200);
      expect(body[0]).toMatchObject({ desired: 'running', source: 'config', by: 'config' });
      expect(await redis.get(redisKeys.bot('spot-inj'))).toBeNull();
    });

    it('answers 404 with a reason for an unknown bot', async () => {
      const { body } = await http().get('/api/bots/nope').expect(404);
      expect(body).toEqual({ statusCode: 404, error: 'Not Found', code: 'UNKNOWN_BOT', message: 'unknown bot "nope"' });
    });
  });

  describe('POST /api/bots/:id/start|pause|stop', () => {
    it('needs the bearer token: 401 with a JSON reason without it or with a wrong one', async () => {
      const missing = await http().post('/api/bots/spot-inj/pause').expect(401);
      expect(missing.body).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('missing credentials') });
      expect(missing.headers['www-authenticate']).toBe('Bearer realm="mirrorbook"');
      const wrong = await http().post('/api/bots/spot-inj/pause').set('Authorization', 'Bearer wrong-token-0123456789').expect(401);
      expect(wrong.body).toMatchObject({ code: 'UNAUTHORIZED', message: 'invalid token' });
      expect(await redis.get(redisKeys.bot('spot-inj'))).toBeNull();
    });

    it('stores the desired state in bot:<id> and publishes it on bot.state.<id>', async () => {
      for (const [action, desired] of [['pause', 'paused'], ['stop', 'stopped'], ['start', 'running']] as const) {
        const before = botStates.length;
        const { body } = await http().post(`/api/bots/spot-inj/${action}`).set(auth).expect(200);
        expect(body).toMatchObject({ id: 'spot-inj', desired, source: 'redis', by: 'gateway' });
        const stored = botStateSchema.parse(JSON.parse((await redis.get(redisKeys.bot('spot-inj')))!));
        expect(stored).toMatchObject({ v: 1, bot: 'spot-inj', desired, params: {}, by: 'gateway' });
        await eventually(() => botStates.length > before, 5000, `the ${desired} state on bot.state.spot-inj`);
        expect(botStates[botStates.length - 1]).toEqual(stored);
      }
    });

    it('refuses basic auth with 401, even with the token as the password: browsers send it on their own', async () => {
      const basic = `Basic ${Buffer.from(`operator:${TOKEN}`).toString('base64')}`;
      const { body } = await http().post('/api/bots/perp-inj/pause').set('Authorization', basic).expect(401);
      expect(body).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('Bearer') });
    });

    it('answers 404 for an unknown bot once authenticated', async () => {
      await http().post('/api/bots/nope/start').set(auth).expect(404);
    });
  });

  describe('PATCH /api/bots/:id/params', () => {
    it('merges valid overrides, applies them live and shows the parameters in force per market', async () => {
      const before = botStates.length;
      const { body } = await http()
        .patch('/api/bots/spot-inj/params')
        .set(auth)
        .send({ baseSize: '2', maintenance: { perSide: { min: 4, max: 6 } } })
        .expect(200);
      expect(body.overrides).toEqual({ baseSize: '2', maintenance: { perSide: { min: 4, max: 6 } } });
      expect(body.effectiveParams['atom-usdt']).toMatchObject({ baseSize: '2', maintenance: { perSide: { min: 4, max: 6 }, gapBelowPct: '2' } });
      await eventually(() => botStates.length > before, 5000, 'the new params on bot.state.spot-inj');
      expect(botStates[botStates.length - 1].params).toEqual(body.overrides);
      expect(JSON.parse((await redis.get(redisKeys.bot('spot-inj')))!).desired).toBe('running');
    });

    it('removes an override given as null', async () => {
      const { body } = await http().patch('/api/bots/spot-inj/params').set(auth).send({ baseSize: null }).expect(200);
      expect(body.overrides).toEqual({ maintenance: { perSide: { min: 4, max: 6 } } });
      expect(body.effectiveParams['atom-usdt'].baseSize).toBe('10');
    });

    it('answers 400 naming each invalid field, and changes nothing', async () => {
      const stored = await redis.get(redisKeys.bot('spot-inj'));
      const { body } = await http()
        .patch('/api/bots/spot-inj/params')
        .set(auth)
        .send({ baseSize: 1.5, maintenance: { perSide: { min: 9, max: 3 } }, typo: 1 })
        .expect(400);
      expect(body).toMatchObject({ statusCode: 400, code: 'INVALID_REQUEST', message: 'invalid strategy parameters' });
      expect(body.fieldErrors).toEqual({
        baseSize: ['Expected string, received number'],
        'maintenance.perSide': ['min must not exceed max'],
        '(root)': ["Unrecognized key(s) in object: 'typo'"],
      });
      expect(await redis.get(redisKeys.bot('spot-inj'))).toBe(stored);
    });

    it('answers 400 naming each oversized parameter of the security review (levels 2e9, intentTtlMs 1e15, baseSize 1e9), and changes nothing', async () => {
      const stored = await redis.get(redisKeys.bot('spot-inj'));
      const { body } = await http()
        .patch('/api/bots/spot-inj/params')
        .set(auth)
        .send({ bookBuilding: { tiers: [{ name: 'micro', spread: { min: '0.01', max: '0.05' }, levels: 2e9 }] }, intentTtlMs: 1e15, baseSize: '1000000000' })
        .expect(400);
      expect(body.fieldErrors).toEqual({
        baseSize: ['must be at most 1000000'],
        'bookBuilding.tiers[0].levels': ['must be at most 100'],
        intentTtlMs: ['must be at most 60000 (the executor refuses longer-lived intents)'],
      });
      expect(await redis.get(redisKeys.bot('spot-inj'))).toBe(stored);
    });

    it('answers 400 for a body that is not an object, or not JSON', async () => {
      const { body } = await http().patch('/api/bots/spot-inj/params').set(auth).send([1, 2]).expect(400);
      expect(body).toMatchObject({ code: 'INVALID_REQUEST', message: 'invalid request body' });
      const notJson = await http().patch('/api/bots/spot-inj/params').set(auth).set('Content-Type', 'application/json').send('{bad').expect(400);
      expect(notJson.body).toMatchObject({ statusCode: 400, message: expect.stringContaining('JSON') });
    });

    it('needs the token', async () => {
      await http().patch('/api/bots/spot-inj/params').send({ baseSize: '3' }).expect(401);
    });
  });

  describe('GET /api/bots/:id/orders', () => {
    it("returns the bot's open orders per market from orders:<wallet>:<mk>, highest price first", async () => {
      await redis.hset(redisKeys.orders('w1', 'inj-usdt'), {
        [storedOrder(1).orderHash]: JSON.stringify(storedOrder(1, { price: '25.1' })),
        [storedOrder(2).orderHash]: JSON.stringify(storedOrder(2, { price: '25.9', side: 'sell' })),
        broken: '{"price": 1}',
      });
      const { body } = await http().get('/api/bots/spot-inj/orders').expect(200);
      expect(body.wallet).toBe('w1');
      expect(body.markets[0]).toMatchObject({ market: 'inj-usdt', invalid: 1 });
      expect(body.markets[0].orders.map((o: { price: string }) => o.price)).toEqual(['25.9', '25.1']);
      expect(body.markets[1]).toEqual({ market: 'atom-usdt', orders: [], invalid: 0 });
      await http().get('/api/bots/nope/orders').expect(404);
    });
  });

  describe('GET /api/markets', () => {
    it('joins prices from md.price and Redis, the gap, depth within 1/2/5 % and the feed status', async () => {
      // the reference from Redis (as the feed leaves it for late joiners), the rest live on NATS
      await redis.set(redisKeys.latestPrice('reference', 'inj-usdt'), JSON.stringify(priceTick({ mid: '25', seq: 7 })));
      nc.publish('md.price.sim.inj-usdt', bytes(priceTick({ role: 'trading', mid: '25.5', bid: '25.4', ask: '25.6', seq: 3 })));
      nc.publish('md.book.sim.inj-usdt', bytes(book()));
      nc.publish('md.status.inj-usdt', bytes(feedStatus({ state: 'stale', reference: { state: 'stale', ageMs: 4000, reason: 'slow' } })));
      await nc.flush();
      let market: Record<string, any> = {};
      await eventually(
        async () => {
          market = (await http().get('/api/markets').expect(200)).body.find((m: { key: string }) => m.key === 'inj-usdt');
          return market.trading !== null && market.depth !== null && market.feed !== null;
        },
        5000,
        'trading price, depth and feed status of inj-usdt',
      );
      expect(market).toMatchObject({
        reference: { mid: '25', seq: 7 },
        trading: { mid: '25.5', bid: '25.4', ask: '25.6' },
        gapPct: '2',
        direction: 'above',
        feed: { state: 'stale' },
        bots: ['spot-inj'],
      });
      // bids 25.4 … 24.5 (2 each) and asks 25.6 … 26.5 (3 each) around the reference 25:
      // 1 % = [24.75, 25.25], 2 % = [24.5, 25.5], 5 % = [23.75, 26.25]; the bids 25.4 and 25.3
      // lie above the 1 % band and are not in it; depth is the quote notional (Σ price × quantity)
      expect(market.depth).toMatchObject({ around: 'reference', center: '25', orderCount: 20 });
      expect(market.depth.bands).toEqual([
        { pct: '1', bidLevels: 5, askLevels: 0, bidQuantity: '10', askQuantity: '0', bidNotional: '250', askNotional: '0' },
        { pct: '2', bidLevels: 10, askLevels: 0, bidQuantity: '20', askQuantity: '0', bidNotional: '499', askNotional: '0' },
        { pct: '5', bidLevels: 10, askLevels: 7, bidQuantity: '20', askQuantity: '21', bidNotional: '499', askNotional: '543.9' },
      ]);
      const other = (await http().get('/api/markets')).body.find((m: { key: string }) => m.key === 'btc-usdt-perp');
      expect(other).toMatchObject({ type: 'derivative', reference: null, gapPct: null, depth: null });
    });
  });

  describe('a forged md.price from the future', () => {
    it('is counted invalid and never pins the reference: the genuine mid shows', async () => {
      const invalidBefore = await invalidCount('mdPrice', 'future-ts');
      nc.publish('md.price.sim.stinj-inj', bytes(priceTick({ market: 'stinj-inj', mid: '1000', bid: '999', ask: '1001', ts: Date.now() + 86_400_000, seq: 9 })));
      nc.publish('md.price.sim.stinj-inj', bytes(priceTick({ market: 'stinj-inj', mid: '25', ts: Date.now(), seq: 10 })));
      await nc.flush();
      await eventually(async () => (await invalidCount('mdPrice', 'future-ts')) === invalidBefore + 1, 5000, 'the forged tick counted');
      await eventually(
        async () => (await http().get('/api/markets').expect(200)).body.find((m: { key: string }) => m.key === 'stinj-inj').reference?.mid === '25',
        5000,
        'the genuine mid of stinj-inj',
      );
    });
  });

  describe('GET /api/wallets', () => {
    it('shows address and executor state from heartbeats and balances from Redis', async () => {
      await redis.set(redisKeys.balances('w1'), JSON.stringify(balances()));
      // the gateway's clock held from before the heartbeats: they are fresh however long the reads take
      const clock = holdClock();
      let wallets: Record<string, any>[] = [];
      try {
        nc.publish('svc.heartbeat.executor.exec-w1-b', bytes(heartbeat({ instance: 'exec-w1-b', state: 'standby' })));
        nc.publish('svc.heartbeat.executor.exec-w1-a', bytes(heartbeat()));
        await nc.flush();
        await eventually(
          async () => {
            wallets = (await http().get('/api/wallets').expect(200)).body;
            return wallets[0].executors.length === 2;
          },
          5000,
          'both executors of w1',
        );
      } finally {
        clock.restore();
      }
      expect(wallets[0]).toMatchObject({
        id: 'w1',
        label: 'demo spot wallet',
        address: 'inj1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq0',
        executor: { instance: 'exec-w1-a', state: 'running', stale: false },
        balances: { balances: { inj: { symbol: 'INJ', available: '100.5', total: '120' } } },
        bots: ['spot-inj'],
      });
      expect(wallets[1]).toMatchObject({ id: 'w2', address: null, executor: null, balances: null });
      const bot = (await http().get('/api/bots/spot-inj').expect(200)).body;
      expect(bot).toMatchObject({ executor: { instance: 'exec-w1-a', state: 'running' }, balances: { height: 100 } });
    });

    describe('fees:<wallet>', () => {
      afterEach(async () => {
        await redis.del(redisKeys.fees('w1'), redisKeys.fees('w2'));
      });

      it('shows what each wallet spent today, its pace, runway and budget state with the reason; no fee data yet where none was written', async () => {
        const record = storedFees({}, { state: 'slow', reason: 'fees today 4.01 of 5 INJ, 80 %' });
        await redis.set(redisKeys.fees('w1'), JSON.stringify(record));
        const [w1, w2] = (await http().get('/api/wallets').expect(200)).body;
        expect(w1.fees).toEqual({
          status: 'ok',
          record,
          invalid: null,
          lines: ['spent 1.2345 INJ today (38 txs)', '4.1 INJ/day at this pace', 'runway 12.3 days', 'budget 5 INJ/day: slow (fees today 4.01 of 5 INJ, 80 %)'],
          summary: 'spent 1.2345 INJ today (38 txs) · 4.1 INJ/day at this pace · runway 12.3 days · budget 5 INJ/day: slow (fees today 4.01 of 5 INJ, 80 %)',
        });
        expect(w2.fees).toEqual({ status: 'missing', record: null, invalid: null, lines: ['no fee data yet'], summary: 'no fee data yet' });
        const bots = (await http().get('/api/bots').expect(200)).body;
        expect(bots.map((b: { id: string; fees: { status: string } }) => [b.id, b.fees.status])).toEqual([
          ['spot-inj', 'ok'],
          ['perp-inj', 'missing'],
        ]);
      });

      it('refuses a malformed record, counts it and shows the wallet as fee data unavailable; the rest of the view stands', async () => {
        const before = await invalidStoredCount('fees');
        await redis.set(redisKeys.fees('w2'), JSON.stringify({ ...storedFees(), todayInj: 1.5 }));
        const [w1, w2] = (await http().get('/api/wallets').expect(200)).body;
        expect(w2).toMatchObject({ id: 'w2', bots: ['perp-inj'], fees: { status: 'invalid', record: null } });
        expect(w2.fees.invalid).toMatch(/^todayInj: /);
        expect(w2.fees.summary).toMatch(/^fee data unavailable \(invalid record: todayInj: /);
        expect(w1.fees.status).toBe('missing');
        expect(await invalidStoredCount('fees')).toBeGreaterThan(before);
      });

      it('reports a wallet whose budget is paused as degraded on /health (still 200: the gateway works), with the reason, and on its bots', async () => {
        const reason = 'fees today 5.02 of 5 INJ, 100 %';
        await redis.set(redisKeys.fees('w1'), JSON.stringify(storedFees({ todayInj: '5.02' }, { state: 'paused', reason })));
        let health: { status: string; degraded: Record<string, Record<string, string>> } | undefined;
        await eventually(
          async () => {
            health = (await http().get('/health').expect(200)).body;
            return health?.degraded.feeBudget !== undefined;
          },
          5000,
          'the paused budget on /health',
        );
        expect(health).toMatchObject({ status: 'degraded', degraded: { feeBudget: { w1: reason } } });
        const bot = (await http().get('/api/bots/spot-inj').expect(200)).body;
        expect(bot.fees.record.budget).toMatchObject({ state: 'paused', reason });
        expect(bot.fees.lines[3]).toBe(`budget 5 INJ/day: paused (${reason})`);
        // the budget resumes: /health no longer lists it
        await redis.set(redisKeys.fees('w1'), JSON.stringify(storedFees()));
        await eventually(async () => (await http().get('/health').expect(200)).body.degraded.feeBudget === undefined, 5000, 'the budget no longer degraded');
      });
    });
  });

  describe('GET /api/services', () => {
    it('lists every instance from heartbeats, stale after 3 intervals', async () => {
      const interval = gw.config.env.HEARTBEAT_INTERVAL_MS;
      const feed = async () => (await http().get('/api/services').expect(200)).body.services.find((s: { instance: string }) => s.instance === 'feed-1');
      // the gateway's clock held from before the heartbeat arrives, then moved past the stale bound
      const clock = holdClock();
      try {
        nc.publish('svc.heartbeat.price-feed.feed-1', bytes(heartbeat({ app: 'price-feed', instance: 'feed-1', wallet: undefined })));
        await nc.flush();
        await eventually(async () => (await feed()) !== undefined, 5000, 'the feed-1 heartbeat');
        expect((await http().get('/api/services').expect(200)).body).toMatchObject({ intervalMs: interval, staleAfterMs: 3 * interval });
        expect(await feed()).toMatchObject({ app: 'price-feed', state: 'running', stale: false, ageMs: 0, lastSeen: clock.at, uptimeS: 42 });
        clock.set(clock.at + 3 * interval);
        expect(await feed()).toMatchObject({ stale: false, ageMs: 3 * interval });
        clock.set(clock.at + 3 * interval + 1);
        expect(await feed()).toMatchObject({ stale: true, ageMs: 3 * interval + 1 });
      } finally {
        clock.restore();
      }
    });

    it("carries the markets an executor set aside with their reasons, and shows them on the wallet's bots until they trade again", async () => {
      const reason = 'market atom-usdt (0xabc) could not be read from the chain: market not found';
      const executor = async () => (await http().get('/api/services').expect(200)).body.services.find((s: { instance: string }) => s.instance === 'exec-w1-a');
      const market = async (key: string) => (await http().get('/api/bots/spot-inj').expect(200)).body.markets.find((m: { key: string }) => m.key === key);
      const clock = holdClock();
      try {
        nc.publish('svc.heartbeat.executor.exec-w1-a', bytes(heartbeat({ unavailableMarkets: { 'atom-usdt': reason } })));
        await nc.flush();
        await eventually(async () => (await executor())?.unavailableMarkets !== undefined, 5000, 'the heartbeat naming atom-usdt');
        expect(await executor()).toMatchObject({ app: 'executor', state: 'running', unavailableMarkets: { 'atom-usdt': reason } });
        expect(await market('atom-usdt')).toMatchObject({ key: 'atom-usdt', unavailable: reason });
        expect(await market('inj-usdt')).toMatchObject({ key: 'inj-usdt', unavailable: null });

        nc.publish('svc.heartbeat.executor.exec-w1-a', bytes(heartbeat()));
        await nc.flush();
        await eventually(async () => (await executor())?.unavailableMarkets === undefined, 5000, 'the heartbeat without unavailable markets');
        expect(await market('atom-usdt')).toMatchObject({ unavailable: null });
      } finally {
        clock.restore();
      }
    });
  });

  describe('GET /api/activity', () => {
    it('reads reports and order events back from the EXEC stream, newest first, paged by stream sequence', async () => {
      const js = nc.jetstream();
      const acks = [];
      for (let i = 1; i <= 5; i++) {
        acks.push(await js.publish('exec.report.w1', bytes(execReport({ intentIds: [`i-${i}`] }))));
        acks.push(await js.publish('orders.w1.inj-usdt', bytes(orderEvent({ cid: `c-${i}` }))));
      }
      acks.push(await js.publish('orders.w2.inj-usdt-perp', bytes(orderEvent({ wallet: 'w2', market: 'inj-usdt-perp', kind: 'rejected', reason: 'post-only would cross' }))));
      const seqs = acks.map((a) => a.seq);
      const first = (await http().get('/api/activity?limit=4').expect(200)).body;
      expect(first.items.map((i: { id: number }) => i.id)).toEqual(seqs.slice(-4).reverse());
      expect(first.items[0]).toMatchObject({ kind: 'order', level: 'warn', data: { wallet: 'w2', kind: 'rejected' } });
      expect(first.items[1]).toMatchObject({ kind: 'order', level: 'info', subject: 'orders.w1.inj-usdt' });
      expect(first.items[2]).toMatchObject({ kind: 'execution', level: 'info', data: { intentIds: ['i-5'] } });
      const second = (await http().get(`/api/activity?limit=4&before=${first.nextBefore}`).expect(200)).body;
      expect(second.items.map((i: { id: number }) => i.id)).toEqual(seqs.slice(-8, -4).reverse());
      const rest = (await http().get(`/api/activity?limit=50&before=${second.nextBefore}`).expect(200)).body;
      expect(rest.items.map((i: { id: number }) => i.id)).toEqual(seqs.slice(0, 3).reverse());
      expect(rest.nextBefore).toBeNull();
    });

    it('answers 400 for an invalid limit or cursor', async () => {
      const { body } = await http().get('/api/activity?limit=0&before=abc').expect(400);
      expect(body).toMatchObject({ code: 'INVALID_REQUEST', message: 'invalid query parameters' });
      expect(Object.keys(body.fieldErrors).sort()).toEqual(['before', 'limit']);
    });
  });

  describe('GET /api/bots/:id/logs', () => {
    it("shows the wallet's execution reports and its rejected orders only", async () => {
      const js = nc.jetstream();
      await js.publish('exec.report.w2', bytes(execReport({ wallet: 'w2', outcome: 'failed', txHash: null, height: null, code: 32, error: 'account sequence mismatch' })));
      await js.publish('orders.w2.inj-usdt-perp', bytes(orderEvent({ wallet: 'w2', market: 'inj-usdt-perp', kind: 'created' })));
      const { body } = await http().get('/api/bots/perp-inj/logs').expect(200);
      expect(body.items.map((i: { kind: string; level: string }) => `${i.kind}:${i.level}`)).toEqual(['execution:error', 'order:warn']);
      expect(body.items[0].data.error).toBe('account sequence mismatch');
      await http().get('/api/bots/nope/logs').expect(404);
    });
  });

  describe('GET /api/markets/:mk/history', () => {
    it('returns both mids from the MD stream within the range, downsampled to the point budget', async () => {
      const js = nc.jetstream();
      // ticks one second apart ending now (the stream stamps them now; the feed's ts lags by at most seconds)
      const t0 = Date.now() - 40_000;
      for (let i = 0; i < 40; i++) {
        await js.publish('md.price.sim.atom-usdt', bytes(priceTick({ market: 'atom-usdt', mid: `${8 + i / 100}`, ts: t0 + i * 1000, seq: i + 1 })));
        await js.publish('md.price.sim.atom-usdt', bytes(priceTick({ market: 'atom-usdt', role: 'trading', mid: `${9 + i / 100}`, ts: t0 + i * 1000 + 500, seq: i + 1 })));
      }
      const all = (await http().get(`/api/markets/atom-usdt/history?from=${t0}&to=${Date.now()}&points=100`).expect(200)).body;
      expect(all.reference).toHaveLength(40);
      expect(all.trading[0]).toEqual({ t: t0 + 500, mid: '9' });
      expect(all.truncated).toBe(false);
      const sampled = (await http().get(`/api/markets/atom-usdt/history?from=${t0}&to=${t0 + 39_999}&points=10`).expect(200)).body;
      expect(sampled.reference).toHaveLength(10);
      expect(sampled.reference[9]).toEqual({ t: t0 + 39_000, mid: '8.39' });
      const empty = (await http().get(`/api/markets/atom-usdt/history?from=${Date.now() + 60_000}&to=${Date.now() + 120_000}`).expect(200)).body;
      expect(empty).toMatchObject({ reference: [], trading: [], scanned: 0 });
    });

    it('answers 404 for an unknown market and 400 for a reversed range', async () => {
      await http().get('/api/markets/nope-usdt/history').expect(404);
      const { body } = await http().get('/api/markets/inj-usdt/history?from=10&to=5').expect(400);
      expect(body.fieldErrors).toEqual({ from: ['from must be before to'] });
    });
  });

  describe('the OpenAPI document at /api/docs', () => {
    it('serves Swagger UI and documents every route', async () => {
      const page = await http().get('/api/docs').expect(200);
      expect(page.text).toContain('swagger-ui-bundle.js');
      await http().get('/api/docs/swagger-ui-bundle.js').expect(200).expect('Content-Type', /javascript/);
      const { body } = await http().get('/api/docs-json').expect(200);
      expect(Object.keys(body.paths).sort()).toEqual([
        '/api/activity',
        '/api/bots',
        '/api/bots/bootstrap',
        '/api/bots/{id}',
        '/api/bots/{id}/logs',
        '/api/bots/{id}/orders',
        '/api/bots/{id}/params',
        '/api/bots/{id}/pause',
        '/api/bots/{id}/start',
        '/api/bots/{id}/stop',
        '/api/markets',
        '/api/markets/{mk}/history',
        '/api/services',
        '/api/wallets',
        '/health',
        '/health/live',
        '/metrics',
      ]);
      expect(body.paths['/api/bots/{id}/params'].patch.responses['400'].description).toMatch(/fieldErrors/);
    });
  });

  describe('security', () => {
    it('sends helmet headers and no CORS grant for an origin not on the allowlist', async () => {
      const response = await http().get('/api/bots').set('Origin', 'https://evil.example').expect(200);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('never returns key material', async () => {
      const bodies = await Promise.all(['/api/bots', '/api/wallets', '/api/services', '/api/markets', '/api/activity'].map((p) => http().get(p)));
      for (const { text } of bodies) {
        expect(text).not.toContain(EXECUTOR_KEY);
        expect(text).not.toMatch(/private.?key|mnemonic/i);
      }
    });
  });
});
