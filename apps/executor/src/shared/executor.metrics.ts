import { Counter, Gauge, Histogram, register } from 'prom-client';

function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** The executor's Prometheus metrics (get-or-create, so tests may build the module twice). */
export const executorMetrics = {
  /** txs accepted by the node */
  txsBroadcast: () =>
    metric('mirrorbook_executor_txs_broadcast_total', () => new Counter({ name: 'mirrorbook_executor_txs_broadcast_total', help: 'Txs the node accepted', labelNames: ['wallet'] })),
  /** txs seen in a block, by result */
  txsIncluded: () =>
    metric('mirrorbook_executor_txs_included_total', () => new Counter({ name: 'mirrorbook_executor_txs_included_total', help: 'Txs seen in a block', labelNames: ['wallet', 'result'] })),
  /** broadcasts refused for their sequence */
  sequenceMismatches: () =>
    metric('mirrorbook_executor_sequence_mismatches_total', () => new Counter({ name: 'mirrorbook_executor_sequence_mismatches_total', help: 'Broadcasts refused with a sequence mismatch', labelNames: ['wallet'] })),
  /** code 32 replies naming a sequence below the last included + 1: a node behind the chain */
  laggingNodeReplies: () =>
    metric('mirrorbook_executor_lagging_node_replies_total', () => new Counter({ name: 'mirrorbook_executor_lagging_node_replies_total', help: 'Sequence mismatches naming a sequence below the last included one + 1 (a lagging node); the same bytes are sent again a block later', labelNames: ['wallet'] })),
  /** local sequence corrected after a refresh */
  sequenceCorrections: () =>
    metric('mirrorbook_executor_sequence_corrections_total', () => new Counter({ name: 'mirrorbook_executor_sequence_corrections_total', help: 'Local sequence corrected from the chain', labelNames: ['wallet', 'reason'] })),
  /** intents by final outcome */
  intents: () =>
    metric('mirrorbook_executor_intents_total', () => new Counter({ name: 'mirrorbook_executor_intents_total', help: 'Intents by outcome', labelNames: ['wallet', 'outcome'] })),
  /** fees the wallet's included txs paid (applied or failed in their block), INJ; exact per-day figures: the heartbeat's `fees` */
  feesPaid: () =>
    metric('mirrorbook_executor_fees_inj_total', () => new Counter({ name: 'mirrorbook_executor_fees_inj_total', help: 'Fees paid by included txs (applied or failed in their block), INJ', labelNames: ['wallet'] })),
  /** circuit breaker trips */
  breakerTrips: () =>
    metric('mirrorbook_executor_breaker_trips_total', () => new Counter({ name: 'mirrorbook_executor_breaker_trips_total', help: 'Circuit breaker trips', labelNames: ['wallet'] })),
  /** reconciliation reads of one market's open orders: `current` (acted on) or `stale` (answered before the required height) */
  reconcileReads: () =>
    metric('mirrorbook_executor_reconcile_reads_total', () => new Counter({ name: 'mirrorbook_executor_reconcile_reads_total', help: 'Open-orders reads of reconciliation by result: current (acted on) or stale (a node behind the last tx of the wallet; never acted on)', labelNames: ['wallet', 'result'] })),
  /** batches the circuit breaker counted as failed (an accepted tx never is) */
  breakerFailures: () =>
    metric('mirrorbook_executor_breaker_failures_total', () => new Counter({ name: 'mirrorbook_executor_breaker_failures_total', help: 'Batches the circuit breaker counted as failed', labelNames: ['wallet'] })),
  /** Redis writes after an accepted tx that failed and wait in the outbox for another attempt */
  outboxRetries: () =>
    metric('mirrorbook_executor_outbox_retries_total', () => new Counter({ name: 'mirrorbook_executor_outbox_retries_total', help: 'Redis writes after an accepted tx that failed and are retried from the outbox', labelNames: ['wallet'] })),
  /** Redis writes after an accepted tx given up after their last attempt (reconciliation repairs them) */
  outboxDropped: () =>
    metric('mirrorbook_executor_outbox_dropped_total', () => new Counter({ name: 'mirrorbook_executor_outbox_dropped_total', help: 'Redis writes after an accepted tx dropped after their last attempt', labelNames: ['wallet'] })),
  /** txs the node accepted whose outcome was not known when the executor stopped waiting */
  txsUnknown: () =>
    metric('mirrorbook_executor_txs_unknown_total', () => new Counter({ name: 'mirrorbook_executor_txs_unknown_total', help: 'Accepted txs neither seen in a block nor past their timeout height when the wait ended', labelNames: ['wallet'] })),
  /** 1 while this process holds the wallet's lease */
  leaseHeld: () => metric('mirrorbook_executor_lease_held', () => new Gauge({ name: 'mirrorbook_executor_lease_held', help: '1 while this process holds the lease', labelNames: ['wallet'] })),
  /** the wallet's bots stopped for want of a record (no `bot:<id>` and no `bots:bootstrap`, or a record that vanished) */
  botStateMissing: () =>
    metric('mirrorbook_executor_bot_state_missing', () => new Gauge({ name: 'mirrorbook_executor_bot_state_missing', help: "The wallet's bots stopped for want of a bot:<id> record (none and no bots:bootstrap, or one that vanished)", labelNames: ['wallet'] })),
  /** bot state keys that vanished after the executor had read them (`key`: `bots:bootstrap` or `bot`) */
  botStateLost: () =>
    metric('mirrorbook_executor_bot_state_lost_total', () => new Counter({ name: 'mirrorbook_executor_bot_state_lost_total', help: 'Bot state keys (bots:bootstrap, bot:<id>) that vanished from Redis after they were read', labelNames: ['wallet', 'key'] })),
  /** ms from intent planning to broadcast */
  toBroadcastMs: () =>
    metric('mirrorbook_executor_intent_to_broadcast_ms', () => new Histogram({
      name: 'mirrorbook_executor_intent_to_broadcast_ms',
      help: 'Intent planning to broadcast, ms',
      labelNames: ['wallet'],
      buckets: [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
    })),
};
