import { eventually } from '@mirrorbook/testing';
import { startStack, type Stack } from '@mirrorbook/testing/stack';
import { BlockWatcher } from './block.watcher';
import { BusTap } from './bus.tap';
import { matchTickReactions } from './pipeline.latency';
import { percentile, round, sleep, sortedCopy } from './sample.stats';

/**
 * The whole stack (sim, feed, strategy, one executor per wallet, gateway; real NATS and Redis) on
 * two pairs, each with a stopped bot:
 * - `atom-usdt`, empty testnet book, bot `build` (w2): blocks from start to a 54-order book;
 * - `inj-usdt`, testnet book of a "legacy" trader 30 % above mainnet (2 × 20 orders, as
 *   test/e2e/gap-shock), bot `gap` (w1, baseSize 25 as in that test): blocks until the testnet mid
 *   is within 2 % and 0.5 % of mainnet;
 * - then, both bots running on a random-walk mainnet, each reference tick whose mid moved is
 *   followed to the first applied tx planned from it: tick → broadcast (pipeline only) and tick →
 *   the tx's block seen (including the sim's block).
 * Services run with their shipped defaults (feed poll 700 ms, inclusion poll 200 ms, …); blocks
 * every `blockMs` (700 ms: Injective's block time).
 */
export interface PipelineOptions {
  /** seconds of the latency window */
  latencySeconds: number;
  /** how many times the empty-book build is measured (stop → cancel-all → start) */
  buildRuns: number;
  blockMs?: number;
  log?: (line: string) => void;
}

export interface PipelineResult {
  blockMs: number;
  observedBlockMs: number;
  build: { blocks: number[]; seconds: number[]; orders: number[] };
  gap: { initialPct: number; within2Blocks: number | null; within2Seconds: number | null; within05Blocks: number | null; within05Seconds: number | null; trace: string };
  latency: {
    moves: number;
    unanswered: number;
    pipelineP50Ms: number; pipelineP99Ms: number;
    withBlockP50Ms: number; withBlockP99Ms: number;
    tickToIntentP50Ms: number; intentToBroadcastP50Ms: number; broadcastToBlockP50Ms: number;
    windowSeconds: number;
  };
  txs: { applied: number; failed: number; ordersCreated: number; createsFailed: number; cancelsFailed: number; failReasons: Record<string, number> };
}

const GAP_MARKET = 'inj-usdt';
const BUILD_MARKET = 'atom-usdt';

export async function runPipelineScenario(options: PipelineOptions): Promise<PipelineResult> {
  const blockMs = options.blockMs ?? 700;
  const log = options.log ?? (() => undefined);
  const walk = (startPrice: string) => ({ startPrice, volatilityPerBlock: 0.0002, jumpProbabilityPerBlock: 0 });
  const stack = await startStack({
    markets: [GAP_MARKET, BUILD_MARKET],
    bots: [
      { id: 'gap', wallet: 'w1', markets: [GAP_MARKET], params: { baseSize: '25' }, enabled: false },
      { id: 'build', wallet: 'w2', markets: [BUILD_MARKET], enabled: false },
    ],
    sim: {
      blockMs,
      seed: 'mirrorbook-bench',
      // measures the bots, not the request budget: no per-IP limit (test/e2e/lcd-rate-limit.e2e.spec.ts runs the default)
      rateLimitPerSecond: 0,
      exchange: {
        pairs: {
          [GAP_MARKET]: {
            price: walk('25'),
            testnetInitial: { kind: 'mispriced', offset: 0.3, ladder: { levelsPerSide: 20, spread: 0.002, levelGrowth: 1.15, baseQuantity: '2.5', sizeGrowth: 1.1 } },
          },
          [BUILD_MARKET]: { price: walk('5'), testnetInitial: { kind: 'empty' } },
        },
      },
    },
    env: { NETWORK: 'sim', LOG_LEVEL: 'info', CHAIN_LCD_LIMIT_PER_IP: '2000' },
  });
  const tap = await BusTap.open(stack.servers.nats.url);
  const blocks = new BlockWatcher(() => stack.height());
  try {
    log(`pipeline: stack up (${[...stack.procs.keys()].join(', ')})`);
    await eventually(async () => (await gapOf(stack, GAP_MARKET)).pct !== null, 60_000, 'both mids of inj-usdt', 100);
    await eventually(async () => (await stack.tob(BUILD_MARKET, 'mainnet')).mid !== null, 60_000, 'the atom-usdt mainnet mid', 100);
    await stack.waitBlocks(3);

    const build = { blocks: [] as number[], seconds: [] as number[], orders: [] as number[] };
    for (let run = 0; run < options.buildRuns; run++) {
      if (run > 0) {
        await control(stack, 'build', 'stop');
        await eventually(async () => (await stack.openOrders('w2', BUILD_MARKET)).length === 0, 30_000, 'the build bot cancelled', 100);
        await stack.waitBlocks(3);
      }
      const startedAt = Date.now();
      const from = await stack.height();
      await control(stack, 'build', 'start');
      let orders = 0;
      const at = await firstHeight(stack, from + 30, async () => {
        const own = await stack.openOrders('w2', BUILD_MARKET);
        orders = own.length;
        return own.length >= 54 && own.some((o) => o.side === 'buy') && own.some((o) => o.side === 'sell');
      });
      build.blocks.push(at === null ? Number.NaN : at - from);
      build.seconds.push(at === null ? Number.NaN : round((Date.now() - startedAt) / 1000, 1));
      build.orders.push(orders);
      log(`pipeline: build run ${run + 1}: ${orders} orders after ${at === null ? 'never' : `${at - from} blocks`}`);
    }

    const initial = await gapOf(stack, GAP_MARKET);
    const gapStartedAt = Date.now();
    const gapFrom = await stack.height();
    await control(stack, 'gap', 'start');
    const trace: string[] = [];
    let within2: { blocks: number; s: number } | null = null;
    let within05: { blocks: number; s: number } | null = null;
    let lastHeight = -1;
    for (;;) {
      const g = await gapOf(stack, GAP_MARKET);
      if (g.height !== lastHeight) {
        trace.push(`${g.height - gapFrom}:${g.pct === null ? '-' : g.pct.toFixed(2)}`);
        lastHeight = g.height;
      }
      const elapsed = round((Date.now() - gapStartedAt) / 1000, 1);
      if (!within2 && g.pct !== null && g.pct <= 2) within2 = { blocks: g.height - gapFrom, s: elapsed };
      if (!within05 && g.pct !== null && g.pct <= 0.5) within05 = { blocks: g.height - gapFrom, s: elapsed };
      if ((within05 && within2) || g.height > gapFrom + 60) break;
      await sleep(40);
    }
    log(`pipeline: gap ${initial.pct?.toFixed(1)} % → ≤ 2 % after ${within2?.blocks ?? 'never'} blocks, ≤ 0.5 % after ${within05?.blocks ?? 'never'}`);

    // both bots running: a few blocks to settle, then the latency window
    await stack.waitBlocks(5);
    tap.clear();
    const from = Date.now();
    await sleep(options.latencySeconds * 1000);
    const to = Date.now();
    await sleep(4000); // reports of txs planned near the end of the window
    const match = matchTickReactions(tap.ticks, tap.intents, tap.reports, blocks.seenAt, from, to);
    const r = match.reactions;
    const q = (values: number[], p: number) => round(percentile(sortedCopy(values), p), 0);
    const pipeline = r.map((x) => x.broadcastAt - x.tickAt);
    const withBlock = r.filter((x) => x.includedAt !== null).map((x) => x.includedAt! - x.tickAt);
    const windowReports = tap.reports.filter((x) => x.ts >= from && x.ts <= to + 4000);
    const createCids = new Set<string>();
    for (const intent of tap.intents.values()) for (const plan of intent.plans) for (const a of plan.actions) if (a.type === 'create') createCids.add(a.cid);
    const failReasons: Record<string, number> = {};
    let createsFailed = 0;
    let cancelsFailed = 0;
    for (const rep of windowReports) {
      for (const f of rep.failed) {
        failReasons[f.reason] = (failReasons[f.reason] ?? 0) + 1;
        if (createCids.has(f.cid)) createsFailed++;
        else cancelsFailed++;
      }
    }
    log(`pipeline: ${r.length} moves answered, ${match.unanswered} not; tick → broadcast p50 ${q(pipeline, 50)} ms`);
    return {
      blockMs,
      observedBlockMs: round(blocks.meanBlockMs(from), 0),
      build,
      gap: {
        initialPct: round(initial.pct ?? Number.NaN, 1),
        within2Blocks: within2?.blocks ?? null,
        within2Seconds: within2?.s ?? null,
        within05Blocks: within05?.blocks ?? null,
        within05Seconds: within05?.s ?? null,
        trace: trace.join(' '),
      },
      latency: {
        moves: r.length,
        unanswered: match.unanswered,
        pipelineP50Ms: q(pipeline, 50),
        pipelineP99Ms: q(pipeline, 99),
        withBlockP50Ms: q(withBlock, 50),
        withBlockP99Ms: q(withBlock, 99),
        tickToIntentP50Ms: q(r.map((x) => x.intentAt - x.tickAt), 50),
        intentToBroadcastP50Ms: q(r.map((x) => x.broadcastAt - x.intentAt), 50),
        broadcastToBlockP50Ms: q(r.filter((x) => x.includedAt !== null).map((x) => x.includedAt! - x.broadcastAt), 50),
        windowSeconds: round((to - from) / 1000, 1),
      },
      txs: {
        applied: windowReports.filter((x) => x.outcome === 'applied').length,
        failed: windowReports.filter((x) => x.outcome === 'failed').length,
        ordersCreated: windowReports.reduce((n, x) => n + x.createdOrderHashes.length, 0),
        createsFailed,
        cancelsFailed,
        failReasons,
      },
    };
  } catch (error) {
    log(`pipeline failed; last log lines:\n${stack.logs().split('\n').slice(-40).join('\n')}`);
    throw error;
  } finally {
    await blocks.stop();
    await tap.close();
    await stack.stop();
  }
}

async function control(stack: Stack, bot: string, action: 'start' | 'stop'): Promise<void> {
  const res = await stack.gateway('POST', `/api/bots/${bot}/${action}`);
  if (res.status !== 200) throw new Error(`gateway ${action} ${bot}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** |testnet mid − mainnet mid| / mainnet mid in percent, with the height read after both. */
export async function gapOf(stack: Stack, key: string): Promise<{ height: number; pct: number | null; testnet: number | null; mainnet: number | null }> {
  const [testnet, mainnet] = await Promise.all([stack.tob(key, 'testnet'), stack.tob(key, 'mainnet')]);
  const height = await stack.height();
  const pct = testnet.mid !== null && mainnet.mid !== null ? (Math.abs(testnet.mid - mainnet.mid) / mainnet.mid) * 100 : null;
  return { height, pct, testnet: testnet.mid, mainnet: mainnet.mid };
}

/** Polls `check` until it holds (→ the height read before it) or the chain passes `maxHeight` (→ null). */
async function firstHeight(stack: Stack, maxHeight: number, check: () => Promise<boolean>): Promise<number | null> {
  for (;;) {
    const ok = await check();
    // read after the check: a block in between counts against the bots, never for them
    const height = await stack.height();
    if (ok) return height;
    if (height > maxHeight) return null;
    await sleep(40);
  }
}
