export * from './primitives';
export * from './payloads';
export * from './subjects';
export * from './streams';
export * from './json-schemas';
export * from './strategy-params.schema';
export * from './redis-state.schema';
