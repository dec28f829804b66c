/** Unit specs sit beside their files; integration specs live under test/. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  // sdk-ts's CJS build require()s ESM-only proto packages: let jest transpile them
  transformIgnorePatterns: ['/node_modules/(?!(@injectivelabs/[a-z-]+-proto-ts-v2)/)'],
  // first match wins: the lib entries besides an index (the simulator's codec, the full-stack
  // harnesses) before the indexes
  moduleNameMapper: {
    '^@mirrorbook/contracts/json-schemas$': '<rootDir>/libs/contracts/src/json-schemas.ts',
    '^@mirrorbook/injective/signing$': '<rootDir>/libs/injective/src/signing.ts',
    '^@mirrorbook/injective/sim-codec$': '<rootDir>/libs/injective/src/sim-codec.ts',
    '^@mirrorbook/testing/stack$': '<rootDir>/libs/testing/src/stack.ts',
    '^@mirrorbook/(.*)$': '<rootDir>/libs/$1/src/index.ts',
  },
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.spec.ts'],
      // full-stack scenarios measure time in blocks: they run one at a time in `npm run test:e2e`
      testPathIgnorePatterns: ['<rootDir>/test/chaos/', '<rootDir>/test/e2e/'],
    },
  ],
  testTimeout: 60000,
  // integration specs mostly wait on blocks and child processes: more workers than cores pays off
  maxWorkers: 3,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
