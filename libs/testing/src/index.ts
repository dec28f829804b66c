// libs/testing: real servers and app processes for integration tests and benches. Public face; the
// full-stack harnesses are `@mirrorbook/testing/stack` (stack.ts).

// servers and processes
export { freePort } from './free-port';
export { ManagedProcess } from './managed.process';
export { requireBinary } from './server.binaries';
export { startNatsServer, type TestNatsServer } from './nats.server';
export { startRedisServer, type TestRedisServer } from './redis.server';
export { startTestServers, type TestServers } from './test-servers';
export { bootstrapBots } from './bots-bootstrap.fixture';
export { REPO_ROOT, serviceNodeFlags, startAppProcess, startCompiledAppProcess } from './app.launcher';
export { ensureCompiled } from './compiled.build';
export { startAppInProcess } from './in-process.app';

// seeding and watching what the apps publish
export { rawClients } from './raw.clients';
export {
  balances,
  book,
  bytes,
  execReport,
  feedStatus,
  heartbeat,
  orderEvent,
  priceTick,
  storedFees,
  storedOrder,
} from './payloads.fixture';
export { seedDemoMarket, startDemoTicker } from './demo-market.fixture';
export { WsClient } from './ws.client';

// waiting, configuration and markets for tests, benches and scripts
export { eventually } from './eventually';
export {
  NO_BOTS,
  repoConfigPairs,
  writeConfigDir,
  type ConfigBots,
  type ConfigDir,
  type ConfigPair,
} from './config-dir.fixture';
export { walletKeyFileVariable, writeWalletKeyFile } from './key-file.fixture';
export { catalogMarket, catalogPairs, catalogTestnetDenoms, injUsdtMarkets } from './catalog-market.fixture';
