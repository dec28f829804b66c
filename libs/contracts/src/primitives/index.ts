export * from './decimal-string.schema';
export * from './identifiers.schema';
