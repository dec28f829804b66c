import type Redis from 'ioredis';
import { orderEventSchema, redisKeys, type OrderEvent } from '@mirrorbook/contracts';
import { keyVariants, metricSum, type ExecutorHarness, type Stack } from '@mirrorbook/testing/stack';
import { eventually } from '@mirrorbook/testing';
import { IntentLedger, note } from '../../e2e/support/e2e.fixture';

/** A small seeded RNG (mulberry32), so a chaos run's random points can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Names of the running executor processes of `walletId`. */
export function runningExecutors(stack: Stack, walletId: string): string[] {
  return [...stack.procs.entries()].filter(([name, p]) => name.startsWith(`executor-${walletId}-`) && p.running).map(([name]) => name);
}

/** The instance id of the executor holding `walletId`'s lease (the lease value is `<instance>:<pid>:<nonce>`). */
export async function leaseHolderInstance(stack: Stack, walletId: string): Promise<string | undefined> {
  const value = await stack.redis.get(redisKeys.executorLease(walletId));
  return value === null ? undefined : value.split(':')[0];
}

/** Order events (`orders.<wallet>.<mk>`) seen on the bus. */
export function orderEvents(stack: Stack): OrderEvent[] {
  const events: OrderEvent[] = [];
  for (const m of stack.bus.on('orders.')) {
    try {
      const parsed = orderEventSchema.safeParse(JSON.parse(m.data));
      if (parsed.success) events.push(parsed.data);
    } catch {
      // not JSON (the malformed-input flood): not an order event
    }
  }
  return events;
}

/** What a run placed twice, and what it merely reported twice. */
export interface Duplicates {
  /** client order ids that became more than one order (distinct order hashes in `created` events) */
  cids: string[];
  /** client order ids resting on the chain more than once */
  onChain: string[];
  /** order hashes reported created by more than one execution report (the same order, reported again) */
  reportedTwice: number;
  /** one example of a hash reported twice: the reports' intents, outcome and tx */
  example: string | null;
}

/** Orders placed twice (the target is none), and orders reported twice (told apart). */
export async function duplicateOrders(stack: Stack, walletIds: string[], markets: string[]): Promise<Duplicates> {
  const hashesByCid = new Map<string, Set<string>>();
  for (const e of orderEvents(stack)) {
    if (e.kind !== 'created' || !e.cid || !e.orderHash) continue;
    const key = `${e.wallet}/${e.cid}`;
    hashesByCid.set(key, (hashesByCid.get(key) ?? new Set()).add(e.orderHash.toLowerCase()));
  }
  const onChain: string[] = [];
  for (const w of walletIds) {
    for (const m of markets) {
      const cids = (await stack.openOrders(w, m)).map((o) => o.cid).filter((c): c is string => !!c);
      onChain.push(...cids.filter((c, i) => cids.indexOf(c) !== i));
    }
  }
  const ledger = new IntentLedger(stack.bus);
  const twice = ledger.duplicateCreates();
  const example = twice[0]
    ? JSON.stringify(ledger.reports().filter((r) => r.createdOrderHashes.includes(twice[0]!)).map((r) => ({ intents: r.intentIds, outcome: r.outcome, tx: r.txHash?.slice(0, 8), height: r.height, error: r.error })))
    : null;
  return {
    cids: [...hashesByCid.entries()].filter(([, hashes]) => hashes.size > 1).map(([c]) => c),
    onChain,
    reportedTwice: twice.length,
    example,
  };
}

/** `mirrorbook_invalid_messages_total` and friends of every running process with HTTP, by process. */
export async function scrape(stack: Stack, metric: string, labels: Record<string, string> = {}): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, proc] of stack.procs) {
    if (!proc.running) continue;
    out[name] = metricSum(await stack.metrics(name), metric, labels);
  }
  return out;
}

/**
 * Every place a wallet key could leak: the apps' logs, every NATS message of the run (the
 * recorder checks each payload as it arrives), every Redis key and value.
 */
export async function keyLeaks(stack: Stack): Promise<{ logs: number; nats: number; redis: number; redisKeys: number; messages: number; logBytes: number }> {
  const variants = stack.wallets.flatMap((w) => keyVariants(w.key));
  const logs = stack.logs();
  const dump = await redisDump(stack.redis);
  return {
    logs: variants.filter((v) => logs.includes(v)).length,
    nats: stack.bus.keyLeaks.length,
    redis: dump.filter((d) => variants.some((v) => d.includes(v))).length,
    redisKeys: dump.length / 2,
    messages: stack.bus.total(),
    logBytes: logs.length,
  };
}

/** `keyLeaks` for an `ExecutorHarness` run: the executors' and the sim's logs, every NATS message it saw on `>`, Redis. */
export async function harnessKeyLeaks(h: ExecutorHarness, redis: Redis = h.redis): Promise<{ logs: number; nats: number; redis: number; redisKeys: number; messages: number }> {
  const variants = h.wallets.flatMap((w) => keyVariants(w.key));
  const logs = `${h.executorLogs()}\n${h.sim.logs()}`;
  const dump = await redisDump(redis);
  return {
    logs: variants.filter((v) => logs.includes(v)).length,
    nats: h.allMessages.filter((m) => variants.some((v) => m.data.includes(v))).length,
    redis: dump.filter((d) => variants.some((v) => d.includes(v))).length,
    redisKeys: dump.length / 2,
    messages: h.allMessages.length,
  };
}

/** Every key and value of a Redis, as key, value, key, value, … */
async function redisDump(redis: Redis): Promise<string[]> {
  const dump: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'string') dump.push(key, (await redis.get(key)) ?? '');
      else if (type === 'hash') dump.push(key, JSON.stringify(await redis.hgetall(key)));
      else if (type === 'list') dump.push(key, JSON.stringify(await redis.lrange(key, 0, -1)));
      else if (type === 'set') dump.push(key, JSON.stringify(await redis.smembers(key)));
      else if (type === 'zset') dump.push(key, JSON.stringify(await redis.zrange(key, 0, -1, 'WITHSCORES')));
      else if (type === 'stream') dump.push(key, JSON.stringify(await redis.xrange(key, '-', '+')));
      else dump.push(key, type);
    }
  } while (cursor !== '0');
  return dump;
}

/**
 * Pauses the bots and waits until every intent planned before the pause has its final report;
 * returns the pause time and the ledger (with any report the live recorder missed, from the stream).
 */
export async function settle(stack: Stack, botIds: string[], timeoutMs = 90_000): Promise<{ pausedAt: number; ledger: IntentLedger }> {
  const pausedAt = Date.now();
  for (const id of botIds) {
    const res = await stack.gateway('POST', `/api/bots/${id}/pause`);
    if (res.status !== 200) throw new Error(`pause ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const ledger = new IntentLedger(stack.bus);
  await eventually(() => ledger.unreported(pausedAt).length === 0, timeoutMs, 'a final report for every intent', 500).catch(async (error: Error) => {
    // the live recorder may have missed some (a slow consumer): the EXEC stream keeps them all
    const recovered = await ledger.fromStream(stack.servers.nats.url);
    if (recovered) note(`reports missed by the recorder and found in the EXEC stream: ${recovered}; recorder disconnects: ${stack.bus.disconnects()}`);
    const missing = ledger.unreported(pausedAt);
    if (missing.length === 0) return;
    note(`no final report for ${missing.length} intents: ${missing.slice(0, 5).map((i) => `${i.id} (${pausedAt - i.ts} ms before the pause)`).join('; ')}`);
    throw error;
  });
  return { pausedAt, ledger };
}

/** Stored orders of a wallet's market in Redis. */
export async function storedOrderCount(stack: Stack, walletId: string, market: string): Promise<number> {
  return stack.redis.hlen(redisKeys.orders(walletId, market));
}
