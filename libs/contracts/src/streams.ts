/** JetStream streams (docs/architecture.md#jetstream-streams) and the subjects each keeps. Limits come from config. */
export const streamCatalog = {
  /** reference and trading prices, bounded by age */
  MD: { subjects: ['md.price.>'], retention: 'limits' },
  /** execution reports and order events: the audit trail */
  EXEC: { subjects: ['exec.report.>', 'orders.>'], retention: 'limits' },
  /** intents waiting for their wallet's executor; work-queue retention, short max age */
  INTENTS: { subjects: ['intent.>'], retention: 'workqueue' },
  /** intents delivered too often to their executor (`dlq.intent.<wallet>`), kept for inspection */
  DLQ: { subjects: ['dlq.intent.>'], retention: 'limits' },
} as const;

export type StreamName = keyof typeof streamCatalog;

/** The durable consumer a wallet's executors pull their intents from (one per wallet, shared by its replicas). */
export function intentConsumerName(wallet: string): string {
  return `executor-${wallet}`;
}

/** Where an executor sets aside an intent its consumer delivered `max_deliver` times (stream DLQ). */
export function deadIntentSubject(wallet: string): string {
  return `dlq.intent.${wallet}`;
}
