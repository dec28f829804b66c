export * from './free-port';
export * from './managed.process';
export * from './nats.server';
export * from './redis.server';
export * from './test-servers';
export * from './app.launcher';
export * from './in-process.app';
export { MissingBinaryError, requireBinary } from './server.binaries';
export { registryDir, strayProcesses } from './process.registry';
