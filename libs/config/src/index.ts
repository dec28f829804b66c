export * from './config.error';
export * from './config.loader';
export * from './env.schema';
export * from './markets-file.schema';
export * from './bots-file.schema';
export { formatIssues, formatPath } from './issue.formatter';
export * from './config.module';
export * from './bot-state.resolver';
