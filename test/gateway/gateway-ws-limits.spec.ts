import request from 'supertest';
import { startTestServers, WsClient, type TestServers } from '@mirrorbook/testing';
import { startGateway, TOKEN, type GatewayUnderTest } from './gateway.fixture';

describe('gateway WebSocket /ws limits', () => {
  let servers: TestServers;
  const clients: WsClient[] = [];
  const open = async (url: string, headers: Record<string, string> = {}) => {
    const client = await WsClient.open(url, headers);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    servers = await startTestServers();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await servers?.stop();
  });

  describe('with the defaults', () => {
    let gw: GatewayUnderTest;
    beforeAll(async () => {
      gw = await startGateway({ ...servers.env, GATEWAY_CORS_ORIGINS: 'https://ops.example.org' });
    });
    afterAll(async () => {
      await gw?.close();
    });

    it("refuses the upgrade with 403 from another site's page, and lets in the page's own origin, the allowlist and clients without Origin", async () => {
      await expect(WsClient.open(gw.wsUrl, { Origin: 'https://evil.example', Authorization: `Bearer ${TOKEN}` })).rejects.toThrow('Unexpected server response: 403');
      for (const headers of [{ Origin: gw.url }, { Origin: 'https://ops.example.org' }, {}] as Record<string, string>[]) {
        const client = await open(gw.wsUrl, headers);
        client.send({ op: 'ping' });
        await client.next((m) => m.type === 'pong');
      }
    });

    it('closes the connection with 1009 on a frame larger than 64 KiB', async () => {
      const client = await open(gw.wsUrl);
      client.send(JSON.stringify({ op: 'ping', padding: 'x'.repeat(1024 * 1024) }));
      expect((await client.closed).code).toBe(1009);
    });

    it('answers five wrong tokens with 401 and closes the connection (1008) on the sixth', async () => {
      const client = await open(gw.wsUrl);
      for (let i = 1; i <= 5; i++) {
        client.send({ op: 'control', bot: 'perp-inj', action: 'pause', token: `wrong-token-${i}-0123456789` });
        await client.next((m) => m.type === 'error' && client.messages.filter((e) => e.type === 'error').length === i);
      }
      expect(client.messages.map((m) => m.code)).toEqual(Array(5).fill('UNAUTHORIZED'));
      client.send({ op: 'control', bot: 'perp-inj', action: 'pause', token: 'wrong-token-6-0123456789' });
      expect(await client.closed).toEqual({ code: 1008, reason: 'too many authentication failures' });
      expect(client.messages).toHaveLength(5);
    });

    it('lets no message of a burst through after the sixth failure, not even the right token', async () => {
      const client = await open(gw.wsUrl);
      for (let i = 1; i <= 6; i++) client.send({ op: 'control', bot: 'perp-inj', action: 'pause', token: `wrong-token-${i}-0123456789` });
      client.send({ op: 'control', bot: 'perp-inj', action: 'pause', token: TOKEN });
      expect(await client.closed).toEqual({ code: 1008, reason: 'too many authentication failures' });
      const { body } = await request(gw.url).get('/api/bots/perp-inj').expect(200);
      expect(body.desired).toBe('running');
    });

    it('closes a client that floods messages (1008) and keeps serving the others', async () => {
      const [flooder, other] = [await open(gw.wsUrl), await open(gw.wsUrl)];
      for (let i = 0; i < 1000; i++) flooder.send({ op: 'ping' });
      expect(await flooder.closed).toEqual({ code: 1008, reason: 'too many messages' });
      expect(flooder.messages.length).toBeLessThan(1000);
      other.send({ op: 'ping' });
      await other.next((m) => m.type === 'pong');
    });
  });

  describe('with connection caps (3 in all, 2 per client IP, the loopback proxy trusted)', () => {
    let gw: GatewayUnderTest;
    beforeAll(async () => {
      gw = await startGateway({ ...servers.env, GATEWAY_WS_MAX_CONNECTIONS: '3', GATEWAY_WS_MAX_CONNECTIONS_PER_IP: '2', GATEWAY_TRUST_PROXY: 'loopback' });
    });
    afterAll(async () => {
      await gw?.close();
    });

    it('refuses the upgrade with 429 past the per-IP cap (client IP from X-Forwarded-For) and 503 past the total', async () => {
      const from = (ip: string) => ({ 'X-Forwarded-For': ip });
      await open(gw.wsUrl, from('198.51.100.1'));
      await open(gw.wsUrl, from('198.51.100.1'));
      await expect(WsClient.open(gw.wsUrl, from('198.51.100.1'))).rejects.toThrow('Unexpected server response: 429');
      await open(gw.wsUrl, from('198.51.100.2'));
      await expect(WsClient.open(gw.wsUrl, from('198.51.100.3'))).rejects.toThrow('Unexpected server response: 503');
    });
  });
});
