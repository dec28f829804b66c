import request from 'supertest';
import { eventually, freePort, startTestServers, WsClient, type TestServers } from '@mirrorbook/testing';
import { startGateway, TOKEN, type GatewayUnderTest } from './gateway.fixture';

describe('gateway access rules', () => {
  let servers: TestServers;
  beforeAll(async () => {
    servers = await startTestServers();
  });
  afterAll(async () => {
    await servers?.stop();
  });

  describe('when GATEWAY_PROTECT_READS=true', () => {
    let gw: GatewayUnderTest;
    beforeAll(async () => {
      gw = await startGateway({ ...servers.env, GATEWAY_PROTECT_READS: 'true' });
    });
    afterAll(async () => {
      await gw?.close();
    });

    it('needs the token for API reads, the docs and /metrics, not for the page and health', async () => {
      const guarded = ['/api/bots', '/api/markets', '/api/wallets', '/api/services', '/api/activity', '/api/bots/spot-inj/orders', '/api/docs', '/api/docs-json', '/api/docs/init.js', '/metrics'];
      for (const path of guarded) {
        const { status, body } = await request(gw.url).get(path);
        expect({ path, status, code: body.code }).toEqual({ path, status: 401, code: 'UNAUTHORIZED' });
      }
      for (const path of ['/api/bots', '/api/docs', '/api/docs-json', '/metrics']) {
        const { status } = await request(gw.url).get(path).set('Authorization', `Bearer ${TOKEN}`);
        expect({ path, status }).toEqual({ path, status: 200 });
      }
      for (const path of ['/', '/health', '/health/live']) {
        const { status } = await request(gw.url).get(path);
        expect({ path, status }).toEqual({ path, status: 200 });
      }
    });

    it('serves the docs page without persistAuthorization: Swagger UI would keep the token in localStorage', async () => {
      const { text } = await request(gw.url).get('/api/docs/init.js').set('Authorization', `Bearer ${TOKEN}`).expect(200);
      expect(text).toContain('persistAuthorization: false');
    });

    it('needs the token to subscribe on the WebSocket (in the message or the upgrade header)', async () => {
      const anonymous = await WsClient.open(gw.wsUrl);
      anonymous.send({ op: 'subscribe', topics: ['services'] });
      expect(await anonymous.next((m) => m.type === 'error')).toMatchObject({ code: 'UNAUTHORIZED' });
      anonymous.send({ op: 'subscribe', topics: ['services'], token: TOKEN });
      await anonymous.next((m) => m.type === 'snapshot');
      const withHeader = await WsClient.open(gw.wsUrl, { Authorization: `Bearer ${TOKEN}` });
      withHeader.send({ op: 'subscribe', topics: ['services'] });
      await withHeader.next((m) => m.type === 'snapshot');
      await Promise.all([anonymous.close(), withHeader.close()]);
    });
  });

  describe('when reads are public (the default)', () => {
    let gw: GatewayUnderTest;
    beforeAll(async () => {
      gw = await startGateway(servers.env);
    });
    afterAll(async () => {
      await gw?.close();
    });

    it('serves the docs and /metrics without the token', async () => {
      for (const path of ['/api/docs', '/api/docs-json', '/metrics']) {
        const { status } = await request(gw.url).get(path);
        expect({ path, status }).toEqual({ path, status: 200 });
      }
    });
  });

  describe('when GATEWAY_TOKEN is not set', () => {
    let gw: GatewayUnderTest;
    beforeAll(async () => {
      gw = await startGateway({ ...servers.env, GATEWAY_TOKEN: undefined });
    });
    afterAll(async () => {
      await gw?.close();
    });

    it('refuses control with 503 (safe default) and still serves reads', async () => {
      const { body } = await request(gw.url).post('/api/bots/spot-inj/stop').set('Authorization', 'Bearer anything-at-all-123').expect(503);
      expect(body).toEqual({ statusCode: 503, error: 'Service Unavailable', code: 'CONTROL_DISABLED', message: 'control disabled: GATEWAY_TOKEN not set' });
      await request(gw.url).patch('/api/bots/spot-inj/params').send({}).expect(503);
      await request(gw.url).get('/api/bots').expect(200);
    });
  });

  describe('CORS', () => {
    let gw: GatewayUnderTest;
    beforeAll(async () => {
      gw = await startGateway({ ...servers.env, GATEWAY_CORS_ORIGINS: 'https://ops.example.org, http://localhost:5173' });
    });
    afterAll(async () => {
      await gw?.close();
    });

    it('grants only the origins on GATEWAY_CORS_ORIGINS, preflight included', async () => {
      const allowed = await request(gw.url).get('/api/bots').set('Origin', 'https://ops.example.org').expect(200);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://ops.example.org');
      const preflight = await request(gw.url)
        .options('/api/bots/spot-inj/start')
        .set('Origin', 'http://localhost:5173')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization')
        .expect(204);
      expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
      const denied = await request(gw.url).get('/api/bots').set('Origin', 'https://evil.example');
      expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('when NATS and Redis cannot be reached', () => {
    let gw: GatewayUnderTest;
    beforeAll(async () => {
      const [natsPort, redisPort] = [await freePort(), await freePort()];
      gw = await startGateway({ NATS_URL: `nats://127.0.0.1:${natsPort}`, REDIS_URL: `redis://127.0.0.1:${redisPort}` }, false);
    });
    afterAll(async () => {
      await gw?.close();
    });

    it('answers 503 naming what is down instead of failing silently', async () => {
      const bots = await request(gw.url).get('/api/bots').expect(503);
      expect(bots.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'DEPENDENCY_UNAVAILABLE',
        message: 'Redis unavailable: try again shortly',
        unavailable: ['redis'],
      });
      expect((await request(gw.url).get('/api/activity').expect(503)).body.unavailable).toEqual(['nats']);
      expect((await request(gw.url).get('/api/services').expect(503)).body.unavailable).toEqual(['nats']);
      expect((await request(gw.url).get('/api/markets/inj-usdt/history').expect(503)).body.unavailable).toEqual(['nats']);
      const control = await request(gw.url).post('/api/bots/spot-inj/start').set('Authorization', `Bearer ${TOKEN}`).expect(503);
      expect(control.body).toMatchObject({ message: 'Redis and NATS unavailable: try again shortly', unavailable: ['redis', 'nats'] });
      await request(gw.url).get('/').expect(200);
    });
  });

  describe('when Redis or NATS goes away and comes back', () => {
    let gw: GatewayUnderTest;
    let own: TestServers;
    beforeAll(async () => {
      own = await startTestServers();
      gw = await startGateway(own.env);
    });
    afterAll(async () => {
      await gw?.close();
      await own?.stop();
    });

    it('answers 503 while it is away and recovers by itself', async () => {
      await own.redis.stop();
      await eventually(async () => (await request(gw.url).get('/api/bots')).status === 503, 5000, '503 from /api/bots');
      await own.redis.restart();
      await eventually(async () => (await request(gw.url).get('/api/bots')).status === 200, 15_000, '200 from /api/bots');

      await own.nats.stop();
      await eventually(async () => (await request(gw.url).get('/api/activity')).status === 503, 5000, '503 from /api/activity');
      await own.nats.restart();
      await eventually(async () => (await request(gw.url).get('/api/activity')).status === 200, 15_000, '200 from /api/activity');
    });
  });
});
