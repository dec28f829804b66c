/**
 * Gateway memory: RSS of the gateway process (started exactly as in production, via runService)
 * idle, then with 20 WebSocket clients subscribed to every topic while prices tick 6×/s and
 * heartbeats flow. Run: node -r @swc-node/register bench/gateway-ws.bench.ts
 */
import { readFileSync } from 'node:fs';
import { rawClients, seedDemoMarket, startAppProcess, startDemoTicker, startTestServers, WsClient } from '@mirrorbook/testing';

/** The control token of the gateway this bench starts (its clients only subscribe: it is never sent). */
const TOKEN = 'bench-token-0123456789abcdef';
const CLIENTS = 20;
const SETTLE_MS = 8_000;
const LOAD_MS = 20_000;

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sample(pid: number, ms: number): Promise<{ median: number; max: number }> {
  const values: number[] = [];
  for (const end = Date.now() + ms; Date.now() < end; await sleep(500)) values.push(rssMiB(pid));
  values.sort((a, b) => a - b);
  return { median: Math.round(values[Math.floor(values.length / 2)]), max: Math.round(values[values.length - 1]) };
}

async function main(): Promise<void> {
  const servers = await startTestServers();
  const raw = await rawClients(servers.env);
  const gateway = startAppProcess('gateway', { ...servers.env, HTTP_PORT: '0', GATEWAY_TOKEN: TOKEN, LOG_LEVEL: 'info', HEARTBEAT_INTERVAL_MS: '1000' });
  const clients: WsClient[] = [];
  let stopTicker = () => {};
  try {
    const [, port] = await gateway.waitForOutput(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
    // ready = NATS connected and streams created: only then can the seed publish into them
    while ((await fetch(`http://127.0.0.1:${port}/health`)).status !== 200) await sleep(100);
    await seedDemoMarket(raw.nc, raw.redis);
    stopTicker = startDemoTicker(raw.nc);
    await (await fetch(`http://127.0.0.1:${port}/`)).text();
    await sleep(SETTLE_MS);
    const idle = await sample(gateway.pid, 5_000);

    for (let i = 0; i < CLIENTS; i++) {
      const client = await WsClient.open(`ws://127.0.0.1:${port}/ws`);
      client.send({ op: 'subscribe', topics: ['prices', 'books', 'bots', 'executions', 'activity', 'services'] });
      clients.push(client);
    }
    await Promise.all(clients.map((c) => c.next((m) => m.type === 'snapshot' && m.topic === 'activity')));
    const loaded = await sample(gateway.pid, LOAD_MS);
    const deltas = clients.map((c) => c.messages.filter((m) => m.type === 'delta').length);
    console.log(
      JSON.stringify(
        {
          rssIdleMiB: idle,
          [`rssWith${CLIENTS}ClientsMiB`]: loaded,
          deltasPerClient: { min: Math.min(...deltas), max: Math.max(...deltas), overSeconds: LOAD_MS / 1000 },
          node: process.version,
        },
        null,
        2,
      ),
    );
  } finally {
    stopTicker();
    await Promise.all(clients.map((c) => c.close()));
    await gateway.stop('SIGTERM');
    await raw.close();
    await servers.stop();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
