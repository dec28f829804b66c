// @ts-check
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

// Boundaries that resolve the imported file (eslint-plugin-boundaries with the TypeScript resolver,
// so `@mirrorbook/<lib>` and relative paths alike land on a real file): docs/style.md#shape-of-the-repository.

/** Libs that compute and touch nothing: they import no infrastructure or adapter lib. */
const PURE_LIBS = ['contracts', 'market', 'strategy-core'];

/** @param {string} name a lib's folder under libs/ */
const lib = (name) => ['lib', { lib: name }];
/** @type {import('eslint').Linter.RulesRecord} */
const boundaryRules = {
  'boundaries/element-types': [
    'error',
    {
      default: 'allow',
      rules: [
        {
          from: 'app',
          disallow: [['app', { app: '!${from.app}' }], 'test', 'tooling'],
          message: 'apps never import other apps, tests or tooling: share code through a lib',
        },
        { from: 'lib', disallow: ['app', 'test', 'tooling'], message: 'libs never import apps, tests or tooling' },
        {
          from: [['lib', { lib: '!runtime' }]],
          disallow: [lib('runtime')],
          message: 'libs/runtime is the composition root (runService): apps start through it, no lib depends on it',
        },
        {
          from: PURE_LIBS.map(lib),
          disallow: [lib(`!(${PURE_LIBS.join('|')})`)],
          message: `${PURE_LIBS.join(', ')} are pure: they import one another only, no infrastructure or adapter lib`,
        },
        { from: 'tooling', disallow: ['test'], message: 'bench/ and scripts/ never import test/: shared harnesses live in libs/testing' },
        {
          from: [['app', { app: '!injective-sim' }], 'lib', 'test', 'tooling'],
          disallow: ['sim-codec'],
          message: 'only apps/injective-sim imports the simulator codec (@mirrorbook/injective/sim-codec)',
        },
        {
          from: [['app', { app: '@(price-feed|strategy|gateway)' }]],
          disallow: ['signing'],
          message: 'the price feed, strategy and gateway sign nothing: they never load @mirrorbook/injective/signing (keys, messages, the signer)',
        },
      ],
    },
  ],
  'boundaries/entry-point': [
    'error',
    {
      default: 'disallow',
      rules: [
        { target: 'lib', allow: 'src/index.ts' },
        { target: [lib('testing')], allow: 'src/stack.ts' },
        // tests exercise apps from the inside; apps never import each other (element-types above)
        { target: ['app', 'test', 'tooling', 'sim-codec', 'signing', 'json-schemas'], allow: '**' },
      ],
      message: 'import a lib through its public face, @mirrorbook/<lib> (its src/index.ts), not a file inside it',
    },
  ],
};

/** Text patterns the file rules above cannot see: packages, and tests reaching into app internals. */
const otherApps = { group: ['**/apps/**', '../../apps/**'], message: 'tests start apps as processes or through their module; say why when a test imports app internals' };
const injectiveSdk = { group: ['@injectivelabs/*'], message: 'only libs/injective may import @injectivelabs/*' };
const ioForPureCore = {
  group: ['node:*', 'fs', 'net', 'http', 'https', 'child_process', 'ioredis', 'nats', '@nestjs/*', '@mirrorbook/injective', '@mirrorbook/injective/*', '@mirrorbook/messaging', '@mirrorbook/redis', '@mirrorbook/locking', '@mirrorbook/config', '@mirrorbook/observability', '@mirrorbook/runtime', '@mirrorbook/testing'],
  message: 'libs/strategy-core is pure: no I/O imports',
};

/**
 * @param {...{ group: string[], message: string }} patterns
 * @returns {import('eslint').Linter.RulesRecord}
 */
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'coverage/**', 'apps/gateway/public/**', '**/*.js', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['**/*.ts', '**/*.mjs'],
    // the package's types declare an ES default export, but node hands this ESM file its CommonJS
    // module.exports, which is the plugin itself
    plugins: { boundaries: /** @type {import('eslint').ESLint.Plugin} */ (/** @type {unknown} */ (boundaries)) },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' }, node: true },
      'boundaries/include': ['apps/**', 'libs/**', 'test/**', 'bench/**', 'scripts/**'],
      'boundaries/elements': [
        // a lib entry besides the index (@mirrorbook/injective/sim-codec): apps/injective-sim only
        { type: 'sim-codec', mode: 'full', pattern: 'libs/injective/src/sim-codec.ts' },
        // the signing entry (@mirrorbook/injective/signing): not for the apps that only read the chain
        { type: 'signing', mode: 'full', pattern: 'libs/injective/src/signing.ts' },
        // the payloads' JSON Schemas (@mirrorbook/contracts/json-schemas), for tools
        { type: 'json-schemas', mode: 'full', pattern: 'libs/contracts/src/json-schemas.ts' },
        { type: 'app', pattern: 'apps/*', capture: ['app'] },
        { type: 'lib', pattern: 'libs/*', capture: ['lib'] },
        // whole paths from the root: test/bench/ is test, not bench
        { type: 'test', mode: 'full', pattern: 'test/**' },
        { type: 'tooling', mode: 'full', pattern: ['bench/**', 'scripts/**'] },
      ],
    },
    rules: boundaryRules,
  },
  // the codec's entry is a file of libs/injective that reaches into its own lib by design
  { files: ['libs/injective/src/sim-codec.ts', 'libs/injective/src/signing.ts', 'libs/contracts/src/json-schemas.ts'], rules: { 'boundaries/entry-point': 'off' } },
  { files: ['apps/**/*.ts', 'libs/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'], ignores: ['libs/injective/**'], rules: restrict(injectiveSdk) },
  { files: ['test/**/*.ts'], rules: restrict(otherApps, injectiveSdk) },
  { files: ['libs/strategy-core/**/*.ts'], ignores: ['**/*.spec.ts'], rules: restrict(injectiveSdk, ioForPureCore) },
  { files: ['test/support/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
);
