export { ConfigError } from './config.error';
export { loadConfig, type AppConfig } from './config.loader';
export { envSchema, type Env } from './env.schema';
export type { MarketPair } from './markets-file.schema';
export { botsFileSchema, type BotEntry } from './bots-file.schema';
export { formatIssues, formatPath } from './issue.formatter';
export { APP_CONFIG, ConfigModule } from './config.module';
export { defaultBotState, resolveBotState } from './bot-state.resolver';
export { effectiveStrategyParams, type EffectiveStrategyParams } from './effective-params.resolver';
