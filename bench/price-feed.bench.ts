import { performance } from 'node:perf_hooks';
import type { BookSnapshot, PriceTick } from '@mirrorbook/contracts';
import { subjects } from '@mirrorbook/contracts';
import { MessagingService } from '@mirrorbook/messaging';
import { catalogPairs, NO_BOTS, startAppProcess, startTestServers, writeConfigDir, type ManagedProcess, type TestServers } from '@mirrorbook/testing';

/**
 * Price-feed bench: (1) what one md.* publish costs through libs/messaging — plain publish (what
 * the feed does; the MD stream still captures md.price) against a JetStream publish awaiting its
 * ack; (2) the feed itself as a child process against the sim child, with 5 and 200 markets:
 * publish overhead per market update (the feed's own histogram: fingerprint, seq, schema check,
 * encode, NATS publish, Redis write), CPU per LCD request, RSS, and the request load the reference
 * books (md.refbook) add.
 * Run: node -r @swc-node/register bench/price-feed.bench.ts
 */
const RUN_SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const PUBLISH_RUNS = 5000;
const DURABLE_RUNS = 1000;

type Row = Record<string, string | number>;

async function publishCost(servers: TestServers): Promise<Row[]> {
  const messaging = new MessagingService({ url: servers.nats.url, name: 'bench', streams: { MD: { maxAgeS: 300, maxBytes: 64 * 1024 ** 2 } } });
  messaging.onModuleInit();
  await messaging.ready();
  const tick = (seq: number): PriceTick => ({
    v: 1, net: 'sim', role: 'reference', market: 'inj-usdt', bid: '12.345', ask: '12.347', mid: '12.346', last: null, source: 'mid', height: seq, ts: Date.now(), seq,
  });
  const level = (i: number) => ({ price: (12 - i * 0.01).toFixed(3), quantity: '1.5' });
  const book = (seq: number): BookSnapshot => ({
    v: 1, net: 'sim', role: 'trading', market: 'inj-usdt', bids: Array.from({ length: 50 }, (_, i) => level(i)),
    asks: Array.from({ length: 50 }, (_, i) => ({ ...level(-i - 1) })), orderCount: 100, height: seq, ts: Date.now(), seq,
  });
  const subject = subjects.mdPrice('sim', 'inj-usdt');
  const rows: Row[] = [];
  const time = async (what: string, runs: number, fn: (i: number) => unknown) => {
    for (let i = 0; i < 200; i++) await fn(i);
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) await fn(i);
    rows.push({ what, runs, 'µs/msg': Math.round(((performance.now() - t0) * 1000) / runs) });
  };
  await time('publish md.price (plain; what the feed does)', PUBLISH_RUNS, (i) => messaging.publish(subject, tick(i)));
  await time('publish md.book, 50 levels a side', PUBLISH_RUNS, (i) => messaging.publish(subjects.mdBook('sim', 'inj-usdt'), book(i)));
  await time('publishDurable md.price (await JetStream ack)', DURABLE_RUNS, (i) => messaging.publishDurable(subject, tick(i)));
  await messaging.onApplicationShutdown();
  return rows;
}

/** Sum of a metric's samples whose line contains every `labels` fragment. */
function metric(text: string, name: string, ...labels: string[]): number {
  return text
    .split('\n')
    .filter((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && labels.every((f) => l.includes(f)))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

async function feedRun(servers: TestServers, simUrl: string, markets: number, budget: number): Promise<Row> {
  const config = writeConfigDir({ markets: catalogPairs(markets), bots: NO_BOTS });
  const feed = startAppProcess('price-feed', {
    ...servers.env, HTTP_PORT: '0', NETWORK: 'sim', SIM_LCD_URL: simUrl, CONFIG_DIR: config.dir, FEED_REQUEST_BUDGET_PER_S: String(budget),
  });
  try {
    const [, port] = await feed.waitForOutput(/listening on http:\/\/127\.0\.0\.1:(\d+)/, 30_000);
    const scrape = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    await new Promise((r) => setTimeout(r, 5000)); // warm-up: first cycle, JIT, connections
    const before = await scrape();
    const rss: number[] = [];
    for (let s = 0; s < RUN_SECONDS; s++) {
      await new Promise((r) => setTimeout(r, 1000));
      rss.push(metric(await scrape(), 'process_resident_memory_bytes'));
    }
    const after = await scrape();
    const delta = (name: string, ...labels: string[]) => metric(after, name, ...labels) - metric(before, name, ...labels);
    const published = delta('mirrorbook_feed_publish_seconds_count');
    const requests = delta('mirrorbook_feed_lcd_requests_total');
    rss.sort((a, b) => a - b);
    return {
      markets,
      'budget req/s': budget,
      'poll ms': metric(after, 'mirrorbook_feed_poll_interval_ms'),
      'req/s': (requests / RUN_SECONDS).toFixed(1),
      'ref book ms': metric(after, 'mirrorbook_feed_ref_book_interval_ms'),
      // one request per reference book read: the load the reference books add to the reference host
      'ref book req/s (planned)': ((markets * 1000) / Math.max(1, metric(after, 'mirrorbook_feed_ref_book_interval_ms'))).toFixed(2),
      'ref books published/s': (delta('mirrorbook_feed_published_total', 'kind="book"', 'role="reference"') / RUN_SECONDS).toFixed(2),
      'msgs/s': (published / RUN_SECONDS).toFixed(1),
      'µs/publish (mean)': Math.round((delta('mirrorbook_feed_publish_seconds_sum') / Math.max(1, published)) * 1e6),
      'µs/book publish': Math.round((delta('mirrorbook_feed_publish_seconds_sum', 'kind="book"') / Math.max(1, delta('mirrorbook_feed_publish_seconds_count', 'kind="book"'))) * 1e6),
      'CPU ms/request': ((delta('process_cpu_seconds_total') * 1000) / Math.max(1, requests)).toFixed(2),
      'RSS MB (median)': (rss[Math.floor(rss.length / 2)] / 2 ** 20).toFixed(0),
      'RSS MB (max)': (rss[rss.length - 1] / 2 ** 20).toFixed(0),
    };
  } finally {
    await feed.stop('SIGTERM', 10_000);
    config.remove();
  }
}

async function main(): Promise<void> {
  const servers = await startTestServers();
  let sim: ManagedProcess | undefined;
  try {
    console.log('\nmd.* publish through libs/messaging (in process, real nats-server -js):');
    console.table(await publishCost(servers));
    sim = startAppProcess('injective-sim', { ...servers.env, HTTP_PORT: '0', SIM_PORT: '0' });
    const [, simPort] = await sim.waitForOutput(/listening on http:\/\/127\.0\.0\.1:(\d+)/, 30_000);
    const simUrl = `http://127.0.0.1:${simPort}`;
    const rows: Row[] = [];
    for (const [markets, budget] of [[5, 20], [200, 20], [200, 400]] as const) rows.push(await feedRun(servers, simUrl, markets, budget));
    console.log(`\nprice-feed child process against the sim child, ${RUN_SECONDS} s each after a 5 s warm-up:`);
    console.table(rows);
  } finally {
    await sim?.stop('SIGTERM');
    await servers.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
