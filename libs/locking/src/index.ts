export * from './lease';
export * from './fenced.store';
export * from './redis.module';
