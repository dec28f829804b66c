import { connect } from 'nats';
import { redisKeys } from '@mirrorbook/contracts';
import type { Stack } from '@mirrorbook/testing/stack';
import { eventually } from '@mirrorbook/testing';
import { calmPrice, scenarioEnv, IntentLedger, note, sequenceMismatches, startScenario, type Tally } from './e2e.fixture';

/** Six market pairs with their sim start prices; the first n are used. */
export const SIX_MARKETS: readonly { key: string; price: string }[] = [
  { key: 'inj-usdt', price: '25' },
  { key: 'atom-usdt', price: '4.8' },
  { key: 'inj-usdt-perp', price: '25' },
  { key: 'stinj-inj', price: '1.45' },
  { key: 'btc-usdt-perp', price: '95000' },
  { key: 'eth-usdt-perp', price: '3000' },
];

/** What a many-wallets run measured. */
export interface ManyWalletsResult {
  blocks: number;
  intents: Tally;
  sequenceMismatches: number;
  sim: Record<string, unknown>;
  /** chain orders no executor knows (not in `orders:<wallet>:<mk>`), after pausing the bots */
  orphansWhilePaused: number;
  /** Redis orders the chain no longer has, after pausing the bots (fills since the last reconciliation) */
  ghostsWhilePaused: number;
  /** chain orders left after stopping every bot */
  ordersAfterStop: number;
  /** most orders one bot held on one market */
  maxOrdersPerBotMarket: number;
  wallClockS: number;
}

/** The shape of a many-wallets run. */
export interface ManyWalletsOptions {
  wallets: number;
  markets: number;
  blocks: number;
  blockMs?: number;
  /** synthetic taker orders per block on every market; default 0.5 */
  takers?: number;
}

/** A stack of `wallets` wallets, each with one bot quoting the first `markets` pairs. */
export async function startManyWallets(options: ManyWalletsOptions): Promise<Stack> {
  const markets = SIX_MARKETS.slice(0, options.markets);
  const walletIds = Array.from({ length: options.wallets }, (_, i) => `w${i + 1}`);
  const pairs = Object.fromEntries(
    markets.map((m) => [m.key, { price: calmPrice(m.price), takers: { lambdaPerBlock: options.takers ?? 0.5 } }]),
  );
  return startScenario({
    markets: markets.map((m) => m.key),
    bots: walletIds.map((w) => ({ id: `bot-${w}`, wallet: w, markets: markets.map((m) => m.key) })),
    sim: { exchange: { pairs } },
    blockMs: options.blockMs,
  });
}

/**
 * Lets the bots trade for `blocks` blocks; then pauses them (resting orders stay, no new intents)
 * so chain and Redis can be compared, and stops them, which must cancel everything.
 */
export async function runManyWallets(stack: Stack, options: ManyWalletsOptions): Promise<ManyWalletsResult> {
  const markets = SIX_MARKETS.slice(0, options.markets);
  const walletIds = Array.from({ length: options.wallets }, (_, i) => `w${i + 1}`);
  const t0 = Date.now();
  const startHeight = await stack.height();
  let maxOrders = 0;
  let h = startHeight;
  while (h < startHeight + options.blocks) {
    h = await stack.waitBlocks(Math.min(25, startHeight + options.blocks - h), 120_000);
    for (const w of walletIds) for (const m of markets) maxOrders = Math.max(maxOrders, (await stack.openOrders(w, m.key)).length);
    note(`many wallets: block ${h - startHeight}/${options.blocks} after ${Math.round((Date.now() - t0) / 1000)} s, ${new IntentLedger(stack.bus).intents().length} intents, max orders per bot and market ${maxOrders}`);
  }
  const pausedAt = Date.now();
  for (const w of walletIds) expect((await stack.gateway('POST', `/api/bots/bot-${w}/pause`)).status).toBe(200);
  const ledger = new IntentLedger(stack.bus);
  // every intent planned before the pause gets its final report
  await eventually(() => ledger.unreported(pausedAt).length === 0, 60_000, 'a final report for every intent', 250).catch(async (error: Error) => {
    // the live recorder may have missed some (a slow consumer): the EXEC stream keeps them all
    const recovered = await ledger.fromStream(stack.servers.nats.url);
    note(`reports missed by the recorder and found in the EXEC stream: ${recovered}; recorder disconnects: ${stack.bus.disconnects()}`);
    const missing = ledger.unreported(pausedAt);
    if (missing.length === 0) return;
    const byWallet: Record<string, number> = {};
    for (const i of missing) byWallet[i.wallet] = (byWallet[i.wallet] ?? 0) + 1;
    const ages = missing.map((i) => pausedAt - i.ts);
    note(`no final report for ${missing.length} intents ${JSON.stringify(byWallet)}, planned ${Math.min(...ages)}-${Math.max(...ages)} ms before the pause: ${missing.slice(0, 3).map((i) => i.id).join(', ')}`);
    note(`consumers: ${JSON.stringify(await intentConsumers(stack, walletIds))}`);
    for (const i of missing.slice(0, 3)) note(`${i.id}: ${JSON.stringify(ledger.reports().filter((r) => r.intentIds.includes(i.id)).map((r) => [r.outcome, r.error]))}`);
    for (const w of walletIds) {
      const lines = stack.logs().split('\n').filter((l) => l.includes(`"executor-${w}-`) && /"level":"(warn|error)"/.test(l));
      if (lines.length) note(`executor ${w}: ${lines.length} warnings/errors, last: ${lines.slice(-3).join('\n  ')}`);
    }
    throw error;
  });
  // the intents planned after `pausedAt`, until the pause landed, get their final report too (applied,
  // or refused as "not running"): then no tx of the paused bots is in flight, and every order on
  // chain was stored by its executor before it reported, so the orphan count below does not depend
  // on how long the executors took
  await eventually(() => ledger.unreported().length === 0, 60_000, 'a final report for every intent planned until the pause landed', 250).catch(async (error: Error) => {
    await ledger.fromStream(stack.servers.nats.url);
    if (ledger.unreported().length > 0) throw error;
  });
  // takers keep filling resting orders; the executors learn of fills when they reconcile (this
  // only helps the ghost count, a diagnostic: orders filled are gone from the chain, never orphans)
  await new Promise((r) => setTimeout(r, Number(scenarioEnv().EXEC_RECONCILE_INTERVAL_MS) + 1000));
  // intents still queued when the pause landed are refused as "not running": they are the
  // pause's doing, so the share counts intents planned up to 2 s before it
  const intents = ledger.tally(undefined, pausedAt - 2000);
  let orphans = 0;
  let ghosts = 0;
  for (const w of walletIds) {
    for (const m of markets) {
      const chain = new Set((await stack.openOrders(w, m.key)).map((o) => o.orderHash.toLowerCase()));
      const stored = new Set(Object.keys(await stack.redis.hgetall(redisKeys.orders(w, m.key))).map((x) => x.toLowerCase()));
      for (const hash of chain) if (!stored.has(hash)) orphans += 1;
      for (const hash of stored) if (!chain.has(hash)) ghosts += 1;
    }
  }
  for (const w of walletIds) expect((await stack.gateway('POST', `/api/bots/bot-${w}/stop`)).status).toBe(200);
  let left = Number.POSITIVE_INFINITY;
  await eventually(
    async () => {
      left = 0;
      for (const w of walletIds) for (const m of markets) left += (await stack.openOrders(w, m.key)).length;
      return left === 0;
    },
    30_000,
    'no bot orders after the stop',
    250,
  ).catch(() => undefined);
  return {
    blocks: h - startHeight,
    intents,
    sequenceMismatches: await sequenceMismatches(stack),
    sim: await stack.simState(),
    orphansWhilePaused: orphans,
    ghostsWhilePaused: ghosts,
    ordersAfterStop: left,
    maxOrdersPerBotMarket: maxOrders,
    wallClockS: Math.round((Date.now() - t0) / 1000),
  };
}

/** The INTENTS stream's consumer of each wallet: pending, waiting for an ack, redelivered. */
async function intentConsumers(stack: Stack, walletIds: string[]): Promise<Record<string, unknown>> {
  const nc = await connect({ servers: stack.servers.nats.url });
  try {
    const jsm = await nc.jetstreamManager();
    const out: Record<string, unknown> = {};
    for (const w of walletIds) {
      const info = await jsm.consumers.info('INTENTS', `executor-${w}`).catch((e: Error) => ({ error: e.message }));
      out[w] = 'error' in info ? info : { pending: info.num_pending, ackPending: info.num_ack_pending, redelivered: info.num_redelivered, delivered: info.delivered.stream_seq };
    }
    return out;
  } finally {
    await nc.close();
  }
}

/** The many-wallets targets, for a run of `blocks` blocks. */
export function expectManyWalletsTargets(r: ManyWalletsResult, blocks: number): void {
  expect(r.blocks).toBeGreaterThanOrEqual(blocks);
  expect(r.sequenceMismatches).toBe(0);
  expect(r.intents.counts.none ?? 0).toBe(0);
  expect(r.intents.appliedOfExecutablePct).toBeGreaterThanOrEqual(99);
  expect(r.orphansWhilePaused).toBe(0);
  expect(r.ordersAfterStop).toBe(0);
}
