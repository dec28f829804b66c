import { Counter, Histogram, register, type Metric } from 'prom-client';

// Metrics live in prom-client's default registry (served at /metrics). Each is created once per
// process and reused, so a second Nest app in the same process (tests) never registers twice.

function once<M extends Metric>(name: string, create: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? create();
}

const counter = (name: string, help: string, labelNames: string[]) => once(name, () => new Counter({ name, help, labelNames }));
const histogram = (name: string, help: string, labelNames: string[], buckets: number[]) =>
  once(name, () => new Histogram({ name, help, labelNames, buckets }));

/** The strategy workers' Prometheus metrics. Every evaluation ends in one intent or one skip. */
export const strategyMetrics = {
  /** trading book snapshots this worker took up (its share of the queue group) */
  snapshots: () => counter('mirrorbook_strategy_snapshots_total', 'Trading book snapshots taken up by this worker', ['market']),
  /** reference ticks this worker took up (its share of the queue group `strategy-ticks`) */
  ticks: () => counter('mirrorbook_strategy_ticks_total', 'Reference ticks taken up by this worker', ['market']),
  /** mainnet books this worker took up (its share of the queue group `strategy-refbooks`) */
  refBooks: () => counter('mirrorbook_strategy_refbooks_total', 'Mainnet books taken up by this worker', ['market']),
  /** evaluations: one bot on one book snapshot; rate() gives evaluations/s */
  evaluations: () => counter('mirrorbook_strategy_evaluations_total', 'Evaluations (one bot on one book snapshot)', ['market']),
  /** intents published, by market and phase */
  intents: () => counter('mirrorbook_strategy_intents_total', 'Intents published to the INTENTS stream', ['market', 'phase']),
  /** the intents (of `intents`) planned because a reference tick moved beyond the requote tolerance, from the stored book */
  tickIntents: () => counter('mirrorbook_strategy_tick_intents_total', 'Intents planned on a reference tick from the stored book', ['market', 'phase']),
  /** evaluations that ended without an intent, by market and reason (see SkipReason) */
  skips: () => counter('mirrorbook_strategy_skips_total', 'Evaluations that ended without an intent, by reason', ['market', 'reason']),
  /** time spent in the pure planner per evaluation, seconds */
  planningSeconds: () =>
    histogram('mirrorbook_strategy_planning_seconds', 'planCycle duration, by phase', ['phase'], [
      0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
    ]),
  /** the one pipelined Redis read per snapshot (reference, status, bot states, orders, balances), seconds */
  stateReadSeconds: () =>
    histogram('mirrorbook_strategy_state_read_seconds', 'Redis read per snapshot, seconds', [], [
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1,
    ]),
  /** from taking a snapshot up to the last of its intents acknowledged by JetStream, seconds */
  snapshotSeconds: () =>
    histogram('mirrorbook_strategy_snapshot_seconds', 'Handling of one book snapshot, seconds', ['market'], [
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1,
    ]),
};
