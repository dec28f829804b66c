import type Redis from 'ioredis';
import type { NatsConnection } from 'nats';
import { redisKeys, type BookLevel, type PriceTick } from '@mirrorbook/contracts';
import { balances, book, bytes, execReport, feedStatus, hash, heartbeat, orderEvent, priceTick, storedOrder } from './payloads.fixture';

/** Markets the demo fills, with a mainnet price and the testnet's distance from it. */
const DEMO = [
  { market: 'inj-usdt', reference: 25, gap: 0.012, tick: 3 },
  { market: 'atom-usdt', reference: 8.2, gap: -0.03, tick: 4 },
  { market: 'inj-usdt-perp', reference: 25.05, gap: 0.004, tick: 3 },
];

const SEEDED_SECONDS = 90;

const fixed = (value: number, digits: number) => value.toFixed(digits);

/** The demo's reference and trading tick number `seq`: a slow wave, testnet `gap` away from mainnet. */
function demoTicks({ market, reference, gap, tick }: (typeof DEMO)[number], seq: number, ts: number): [PriceTick, PriceTick] {
  const ref = reference * (1 + Math.sin(seq / 9) * 0.003);
  const trd = ref * (1 + gap * (0.6 + 0.4 * Math.cos(seq / 13)));
  const refTick = priceTick({ market, mid: fixed(ref, tick), bid: fixed(ref * 0.9995, tick), ask: fixed(ref * 1.0005, tick), ts, seq });
  return [refTick, { ...refTick, role: 'trading', mid: fixed(trd, tick), bid: null, ask: null }];
}

/** A staircase book around `mid`: 15 levels a side, tick-sized steps. */
function staircase(mid: number, digits: number): { bids: BookLevel[]; asks: BookLevel[] } {
  const step = mid * 0.002;
  const level = (price: number, i: number) => ({ price: fixed(price, digits), quantity: fixed(2 + ((i * 7) % 11) * 0.5, 2) });
  return {
    bids: Array.from({ length: 15 }, (_, i) => level(mid - step * (i + 1), i)),
    asks: Array.from({ length: 15 }, (_, i) => level(mid + step * (i + 1), i + 3)),
  };
}

/**
 * Seeds what the other services would have produced: a minute of prices in MD, books, feed
 * status, heartbeats, balances, the bots' open orders (on book levels) and an audit trail in EXEC.
 */
export async function seedDemoMarket(nc: NatsConnection, redis: Redis): Promise<void> {
  const js = nc.jetstream();
  const now = Date.now();
  for (const demo of DEMO) {
    const { market, tick } = demo;
    for (let seq = 1; seq <= SEEDED_SECONDS; seq++) {
      const ts = now - (SEEDED_SECONDS - seq) * 1000;
      const [refTick, trdTick] = demoTicks(demo, seq, ts);
      await js.publish(`md.price.sim.${market}`, bytes(refTick));
      await js.publish(`md.price.sim.${market}`, bytes(trdTick));
      if (seq < SEEDED_SECONDS) continue;
      await redis.set(redisKeys.latestPrice('reference', market), JSON.stringify(refTick));
      await redis.set(redisKeys.latestPrice('trading', market), JSON.stringify(trdTick));
      const levels = staircase(Number(trdTick.mid), tick);
      await redis.set(redisKeys.latestBook(market), JSON.stringify(book({ market, ...levels, orderCount: 30, ts, seq })));
      await redis.set(redisKeys.latestStatus(market), JSON.stringify(feedStatus({ market, ts })));
      if (market === 'inj-usdt') {
        await redis.hset(redisKeys.orders('w1', market), {
          [hash(101)]: JSON.stringify(storedOrder(101, { price: levels.bids[1].price, side: 'buy' })),
          [hash(102)]: JSON.stringify(storedOrder(102, { price: levels.asks[2].price, side: 'sell' })),
        });
      }
    }
  }
  await redis.set(redisKeys.balances('w1'), JSON.stringify(balances()));
  await redis.set(redisKeys.balances('w2'), JSON.stringify(balances({ balances: { usdt: { symbol: 'USDT', available: '9120.5', total: '10000' } } })));
  for (let i = 0; i < 6; i++) {
    await js.publish('exec.report.w1', bytes(execReport({ intentIds: [`i-${i}`], ts: now - (6 - i) * 4000 })));
    await js.publish('orders.w1.inj-usdt', bytes(orderEvent({ cid: `c-${i}`, orderHash: hash(200 + i), price: '25.25', ts: now - (6 - i) * 4000 + 10 })));
  }
  await js.publish('exec.report.w2', bytes(execReport({ wallet: 'w2', outcome: 'failed', txHash: null, height: null, code: 32, error: 'account sequence mismatch, expected 18', ts: now - 3000 })));
  await js.publish('orders.w2.inj-usdt-perp', bytes(orderEvent({ wallet: 'w2', market: 'inj-usdt-perp', kind: 'rejected', orderHash: null, reason: 'post-only order would cross', ts: now - 2000 })));
  publishHeartbeats(nc);
  await nc.flush();
}

/** What w1's executor says of atom-usdt: its testnet market was removed, the wallet's other market trades. */
const ATOM_UNAVAILABLE = `market atom-usdt (0x${'a'.repeat(64)}) could not be read from the chain: LCD answered 404: market not found`;

/** Heartbeats of a small deployment: a feed, a strategy worker and one executor per wallet (w1's with a market set aside). */
export function publishHeartbeats(nc: NatsConnection): void {
  const beats = [
    heartbeat({ app: 'price-feed', instance: 'feed-1', wallet: undefined, uptimeS: 3600 }),
    heartbeat({ app: 'strategy', instance: 'strategy-1', wallet: undefined, uptimeS: 3500 }),
    heartbeat({ app: 'executor', instance: 'executor-w1', uptimeS: 3400, unavailableMarkets: { 'atom-usdt': ATOM_UNAVAILABLE } }),
    heartbeat({ app: 'executor', instance: 'executor-w2', uptimeS: 3300, wallet: { id: 'w2', address: 'inj1zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz2', subaccountId: `0x${'2'.repeat(40)}${'0'.repeat(24)}` } }),
  ];
  for (const beat of beats) nc.publish(`svc.heartbeat.${beat.app}.${beat.instance}`, bytes({ ...beat, ts: Date.now() }));
}

/** Keeps prices moving (continuing the seeded wave) and heartbeats fresh until stopped. */
export function startDemoTicker(nc: NatsConnection, intervalMs = 500): () => void {
  const started = Date.now();
  const timer = setInterval(() => {
    const seq = SEEDED_SECONDS + Math.floor((Date.now() - started) / 1000);
    for (const demo of DEMO) {
      for (const tick of demoTicks(demo, seq, Date.now())) nc.publish(`md.price.sim.${demo.market}`, bytes(tick));
    }
    publishHeartbeats(nc);
  }, intervalMs);
  return () => clearInterval(timer);
}
