/**
 * The chaos / long suite (`npm run test:chaos`): executor kills, NATS and Redis restarts, sim
 * faults, malformed input, and the long many-wallets run. Same transform, module mapping and
 * harness bookkeeping as jest.config.js; one file at a time, since each starts a whole stack and
 * the scenarios measure time in blocks.
 */
const { projects, globalSetup, globalTeardown } = require('./jest.config.js');

const { displayName: _name, testMatch: _match, testPathIgnorePatterns: _ignore, ...common } = projects.find((p) => p.displayName === 'integration');

module.exports = {
  ...common,
  displayName: 'chaos',
  testMatch: ['<rootDir>/test/chaos/**/*.spec.ts'],
  maxWorkers: 1,
  testTimeout: 1_800_000,
  globalSetup,
  globalTeardown,
};
