import { eventually } from '@mirrorbook/testing';
import { metricSum, startStack, type Stack } from '@mirrorbook/testing/stack';
import { BlockWatcher } from './block.watcher';
import { BusTap } from './bus.tap';
import { matchTickReactions } from './pipeline.latency';
import { percentile, round, sleep, sortedCopy } from './sample.stats';

/**
 * A reference move on a quiet testnet book (docs/architecture.md#cadence: a reference tick
 * replans at once from the stored book): the whole stack on the sim with one pair, `inj-usdt`,
 * whose testnet side has no synthetic takers and whose mainnet price stands still (no random walk,
 * no jumps) except for the steps this run makes. One bot builds its staircase; once its book rests
 * the mainnet price moves in steps of 0.1–0.25 % (`POST /sim/admin/price`), one every
 * `stepEveryMs`, long enough for the last step's tx to land, so each step finds the testnet book
 * static and the feed republishing it only once a heartbeat. Each step is timed from the feed's
 * read of the moved reference (`PriceTick.ts`) to the broadcast of the first applied tx planned
 * from it (or a newer tick), as in the pipeline run (`matchTickReactions`).
 */
export interface StaticBookOptions {
  /** how many price steps */
  steps: number;
  /** ms between two steps */
  stepEveryMs?: number;
  blockMs?: number;
  log?: (line: string) => void;
}

export interface StaticBookResult {
  blockMs: number;
  observedBlockMs: number;
  steps: number;
  /** reference moves seen by the feed in the window (a step may show as more than one tick) */
  moves: number;
  unanswered: number;
  pipelineP50Ms: number;
  pipelineP99Ms: number;
  /** the same in blocks of `blockMs` */
  pipelineP50Blocks: number;
  pipelineP99Blocks: number;
  tickToIntentP50Ms: number;
  tickToIntentP99Ms: number;
  intentToBroadcastP50Ms: number;
  /** intents the strategy planned in the window, and those of them planned on a reference tick from the stored book */
  intents: number;
  tickIntents: number;
  /** book snapshots the strategy took up in the window */
  snapshots: number;
  windowSeconds: number;
}

const MARKET = 'inj-usdt';
/** percent, applied in turn: the price wanders around its start */
const STEP_PCT = [0.2, -0.1, 0.15, -0.25];

export async function runStaticBookScenario(options: StaticBookOptions): Promise<StaticBookResult> {
  const blockMs = options.blockMs ?? 700;
  const stepEveryMs = options.stepEveryMs ?? 4 * blockMs;
  const log = options.log ?? (() => undefined);
  const stack = await startStack({
    markets: [MARKET],
    bots: [{ id: 'step', wallet: 'w1', markets: [MARKET], enabled: false }],
    sim: {
      blockMs,
      seed: 'mirrorbook-bench-static',
      rateLimitPerSecond: 0,
      exchange: {
        pairs: {
          [MARKET]: {
            price: { startPrice: '25', volatilityPerBlock: 0, jumpProbabilityPerBlock: 0 },
            takers: { lambdaPerBlock: 0 },
            testnetInitial: { kind: 'empty' },
          },
        },
      },
    },
    env: { NETWORK: 'sim', LOG_LEVEL: 'info', CHAIN_LCD_LIMIT_PER_IP: '2000' },
  });
  const tap = await BusTap.open(stack.servers.nats.url);
  const blocks = new BlockWatcher(() => stack.height());
  try {
    log(`static book: stack up (${[...stack.procs.keys()].join(', ')})`);
    await eventually(async () => (await stack.tob(MARKET, 'mainnet')).mid !== null, 60_000, 'the inj-usdt mainnet mid', 100);
    const started = await stack.gateway('POST', '/api/bots/step/start');
    if (started.status !== 200) throw new Error(`gateway start step: ${started.status} ${JSON.stringify(started.body)}`);
    await eventually(async () => {
      const own = await stack.openOrders('w1', MARKET);
      return own.length >= 54 && own.some((o) => o.side === 'buy') && own.some((o) => o.side === 'sell');
    }, 60_000, 'the bot\'s staircase', 200);
    await stack.waitBlocks(5);
    log(`static book: staircase resting; ${options.steps} steps, one every ${stepEveryMs} ms`);

    const counters = await strategyCounters(stack);
    tap.clear();
    const from = Date.now();
    let price = 25;
    for (let i = 0; i < options.steps; i++) {
      price *= 1 + STEP_PCT[i % STEP_PCT.length]! / 100;
      await stack.simAdmin('price', { marketId: stack.pair(MARKET).mainnetMarketId, price: price.toFixed(3) });
      await sleep(stepEveryMs);
    }
    const to = Date.now();
    await sleep(4000); // reports of txs planned near the end of the window
    const after = await strategyCounters(stack);

    const { reactions, unanswered } = matchTickReactions(tap.ticks, tap.intents, tap.reports, blocks.seenAt, from, to);
    const q = (values: number[], p: number) => round(percentile(sortedCopy(values), p), 0);
    const pipeline = reactions.map((r) => r.broadcastAt - r.tickAt);
    const toIntent = reactions.map((r) => r.intentAt - r.tickAt);
    const result: StaticBookResult = {
      blockMs,
      observedBlockMs: round(blocks.meanBlockMs(from), 0),
      steps: options.steps,
      moves: reactions.length + unanswered,
      unanswered,
      pipelineP50Ms: q(pipeline, 50),
      pipelineP99Ms: q(pipeline, 99),
      pipelineP50Blocks: round(q(pipeline, 50) / blockMs, 2),
      pipelineP99Blocks: round(q(pipeline, 99) / blockMs, 2),
      tickToIntentP50Ms: q(toIntent, 50),
      tickToIntentP99Ms: q(toIntent, 99),
      intentToBroadcastP50Ms: q(reactions.map((r) => r.broadcastAt - r.intentAt), 50),
      intents: after.intents - counters.intents,
      tickIntents: after.tickIntents - counters.tickIntents,
      snapshots: after.snapshots - counters.snapshots,
      windowSeconds: round((to - from) / 1000, 1),
    };
    log(`static book: ${reactions.length} moves answered, ${unanswered} not; tick → broadcast p50 ${result.pipelineP50Ms} ms, p99 ${result.pipelineP99Ms} ms (${result.pipelineP99Blocks} blocks); ${result.tickIntents} of ${result.intents} intents planned on a tick`);
    return result;
  } catch (error) {
    log(`static book failed; last log lines:\n${stack.logs().split('\n').slice(-40).join('\n')}`);
    throw error;
  } finally {
    await blocks.stop();
    await tap.close();
    await stack.stop();
  }
}

/** The strategy's intents (all, and those planned on a tick) and snapshots taken up so far. */
async function strategyCounters(stack: Stack): Promise<{ intents: number; tickIntents: number; snapshots: number }> {
  const names = [...stack.procs.keys()].filter((name) => name.startsWith('strategy'));
  const texts = await Promise.all(names.map((name) => stack.metrics(name)));
  const sum = (metric: string) => texts.reduce((n, text) => n + metricSum(text, metric, { market: MARKET }), 0);
  return {
    intents: sum('mirrorbook_strategy_intents_total'),
    tickIntents: sum('mirrorbook_strategy_tick_intents_total'),
    snapshots: sum('mirrorbook_strategy_snapshots_total'),
  };
}
