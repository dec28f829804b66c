export { decimalString, epochMs, positiveDecimalString, safeCount, signedDecimalString } from './primitives/decimal-string.schema';
export { botId, hex32, marketKey, network, walletId, type Network } from './primitives/identifiers.schema';
export { priceTickSchema, type PriceTick } from './payloads/price-tick.schema';
export { bookSnapshotSchema, type BookLevel, type BookSnapshot } from './payloads/book-snapshot.schema';
export { feedStatusSchema, type FeedState, type FeedStatus } from './payloads/feed-status.schema';
export { marketQualitySchema, qualityBandSchema, type MarketQuality, type QualityBand } from './payloads/market-quality.schema';
export {
  batchIntentSchema,
  type BatchIntent,
  type CancelOrderAction,
  type CreateOrderAction,
  type MarketPlan,
  type OrderAction,
  type StrategyPhase,
} from './payloads/batch-intent.schema';
export {
  executionReportSchema,
  isFinalReport,
  reportMarkers,
  type ExecutionOutcome,
  type ExecutionReport,
} from './payloads/execution-report.schema';
export { orderEventSchema, type OrderEvent } from './payloads/order-event.schema';
export { botRunState, botStateSchema, type BotRunState, type BotState } from './payloads/bot-state.schema';
export {
  appName,
  heartbeatSchema,
  serviceState,
  type AppName,
  type Heartbeat,
  type ServiceState,
} from './payloads/heartbeat.schema';
export {
  familyOfSubject,
  subjectCatalog,
  subjects,
  type PayloadOf,
  type Subject,
  type SubjectFamily,
} from './subjects';
export { deadIntentSubject, intentConsumerName, streamCatalog, type StreamName } from './streams';
export { isNewerCopy, newestCopy, type FeedStamp } from './newest-copy.selector';
// the payloads' JSON Schemas have their own entry, @mirrorbook/contracts/json-schemas (json-schemas.ts):
// zod-to-json-schema is for the tools that write docs/contracts/, not for every service
export {
  layerStrategyParams,
  resolveStrategyParams,
  strategyParamsOverrideSchema,
  strategyParamBounds,
  strategyParamsSchema,
  type StrategyParams,
  type StrategyParamsOverride,
} from './strategy-params.schema';
export {
  botsBootstrapSchema,
  feeBudgetStateSchema,
  QUALITY_KEY_TTL_WINDOWS,
  redisKeys,
  storedBalancesSchema,
  storedFeesSchema,
  storedOrderSchema,
  storedPositionsSchema,
  type BotsBootstrap,
  type FeeBudgetState,
  type StoredBalances,
  type StoredFees,
  type StoredOrder,
  type StoredPositions,
} from './redis-state.schema';
export { StoredOrdersMemo, type StoredOrderParse } from './stored-orders.memo';
export {
  bookSeqIssue,
  futureSeqIssue,
  futureTsIssue,
  intentTimeIssue,
  payloadAgeMs,
  payloadTimeIssue,
  timeSanity,
  type TimeIssue,
  type TimeIssueReason,
} from './time-sanity';
