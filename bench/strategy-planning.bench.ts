/**
 * planCycle throughput for a BOOK_BUILDING plan: empty testnet book, INJ/USDT spot (mainnet
 * metadata), tiers widened to 33 levels a side (66 orders). Target: median <= 200 µs.
 *
 *   node -r @swc-node/register bench/strategy-planning.bench.ts [iterations]
 * (`bench/run-all.ts` calls `runPlanningBench`.)
 */
import { resolveStrategyParams } from '@mirrorbook/contracts';
import { Dec } from '@mirrorbook/market';
import { createSeededRng, planCycle, type PlanCycleInput } from '@mirrorbook/strategy-core';
import { injUsdtMarkets } from '@mirrorbook/testing';

const ITERATIONS = require.main === module ? Number(process.argv[2] ?? 5000) : 5000;
const WARMUP = 1000;

const market = injUsdtMarkets('mainnet').spot;

const params = resolveStrategyParams({
  bookBuilding: {
    tiers: [
      { name: 'micro', spread: { min: '0.01', max: '0.05' }, levels: 6 },
      { name: 'very-tight', spread: { min: '0.05', max: '0.1' }, levels: 7 },
      { name: 'tight', spread: { min: '0.1', max: '0.5' }, levels: 6 },
      { name: 'medium', spread: { min: '0.5', max: '1' }, levels: 5 },
      { name: 'wide', spread: { min: '1', max: '2' }, levels: 5 },
      { name: 'deep', spread: { min: '2', max: '5' }, levels: 4 },
    ],
  },
});

function input(seed: number): PlanCycleInput {
  return {
    market: market!,
    book: { bids: [], asks: [], orderCount: 0, seq: seed, height: 1 },
    reference: { price: new Dec('25.0435'), seq: seed },
    ownOrders: [],
    balances: { base: new Dec('10000'), quote: new Dec('250000') },
    params,
    rng: createSeededRng(seed),
    cycle: { index: seed, stage: 0 },
    nowMs: 1_700_000_000_000 + seed,
    cidPrefix: 'bench-injusdt',
  };
}

/** One row: median and p99 µs of planCycle and the evaluations/s one core sustains. */
export function runPlanningBench(iterations = ITERATIONS): Record<string, string | number> {
  const first = planCycle(input(0));
  if (first.phase !== 'BOOK_BUILDING' || first.actions.length !== 66) {
    throw new Error(`expected a 66-order BOOK_BUILDING plan, got ${first.phase} with ${first.actions.length} actions`);
  }

  for (let i = 0; i < WARMUP; i++) planCycle(input(i));

  const samples = new Float64Array(iterations);
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const plannedInput = input(i);
    const t0 = process.hrtime.bigint();
    planCycle(plannedInput);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  samples.sort();
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return {
    scenario: 'BOOK_BUILDING, 66 orders, INJ/USDT spot',
    iterations,
    'median µs': Number(at(0.5).toFixed(1)),
    'p99 µs': Number(at(0.99).toFixed(1)),
    'evaluations/s': Math.round(iterations / elapsedS),
  };
}

if (require.main === module) console.table([runPlanningBench()]);
