/**
 * The end-to-end scenarios (`npm run test:e2e`): every app as its own process on the simulator,
 * one spec at a time (they measure time in blocks, so they must not share two cores with other
 * full stacks). Same transform, module mapping and harness bookkeeping as jest.config.js.
 */
const { projects, globalSetup, globalTeardown } = require('./jest.config.js');

const { displayName: _name, testMatch: _match, testPathIgnorePatterns: _ignore, ...common } = projects.find((p) => p.displayName === 'integration');

module.exports = {
  ...common,
  displayName: 'e2e',
  testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'],
  maxWorkers: 1,
  testTimeout: 300_000,
  globalSetup,
  globalTeardown,
};
