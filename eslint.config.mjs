// @ts-check
import tseslint from 'typescript-eslint';


/** Libs are used through their index only: `@mirrorbook/<lib>`, never a path inside it. */
const libInternals = {
  group: ['@mirrorbook/*/*', '!@mirrorbook/injective/sim-codec', '!@mirrorbook/testing/stack', '**/libs/*/src/*', '**/libs/*/src/**'],
  message: 'import a lib through its public face: @mirrorbook/<lib>',
};
const simCodec = { group: ['@mirrorbook/injective/sim-codec'], message: 'only apps/injective-sim may import the simulator codec' };
const otherApps = { group: ['**/apps/**', '../../apps/**'], message: 'apps never import other apps' };
const injectiveSdk = { group: ['@injectivelabs/*'], message: 'only libs/injective may import @injectivelabs/*' };
const ioForPureCore = {
  group: ['node:*', 'fs', 'net', 'http', 'https', 'child_process', 'ioredis', 'nats', '@nestjs/*', '@mirrorbook/injective', '@mirrorbook/messaging', '@mirrorbook/locking', '@mirrorbook/config', '@mirrorbook/observability', '@mirrorbook/testing'],
  message: 'libs/strategy-core is pure: no I/O imports',
};

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'coverage/**', 'apps/gateway/public/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  { files: ['apps/**/*.ts'], ignores: ['apps/injective-sim/**'], rules: restrict(libInternals, otherApps, injectiveSdk, simCodec) },
  { files: ['apps/injective-sim/**/*.ts'], rules: restrict(libInternals, otherApps, injectiveSdk) },
  { files: ['libs/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'], rules: restrict(libInternals, otherApps, injectiveSdk, simCodec) },
  { files: ['libs/injective/**/*.ts'], rules: restrict(libInternals, otherApps) },
  { files: ['libs/strategy-core/**/*.ts'], ignores: ['**/*.spec.ts'], rules: restrict(libInternals, otherApps, injectiveSdk, ioForPureCore) },
  { files: ['test/support/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
);
