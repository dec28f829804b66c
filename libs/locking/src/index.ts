export * from './lease';
export * from './fenced.store';
