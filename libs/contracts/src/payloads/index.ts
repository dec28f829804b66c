export * from './price-tick.schema';
export * from './book-snapshot.schema';
export * from './feed-status.schema';
export * from './batch-intent.schema';
export * from './execution-report.schema';
export * from './order-event.schema';
export * from './bot-state.schema';
export * from './heartbeat.schema';
