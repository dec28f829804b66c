import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '@mirrorbook/testing';

/**
 * The boundary rules of eslint.config.mjs resolve the imported file: each case is linted as if it
 * were a file at `filePath` (which need not exist; what it imports does). ESLint loads its ESM
 * config through import(), so it runs in a child node process, as `npx eslint` would.
 */
interface Case {
  filePath: string;
  code: string;
}

const LINT = `
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
const cases = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: process.cwd() });
const rules = [];
for (const { filePath, code } of cases) {
  const [result] = await eslint.lintText(code, { filePath });
  rules.push(result.messages.map((m) => m.ruleId ?? m.message));
}
process.stdout.write(JSON.stringify(rules));
`;

/** The rule ids ESLint reports for each case, in order. */
function lint(cases: Case[]): string[][] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', LINT], { cwd: REPO_ROOT, input: JSON.stringify(cases), encoding: 'utf8', timeout: 50_000 });
  if (run.status !== 0) throw new Error(`eslint failed (${run.status ?? run.signal}): ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('the boundary rules (eslint.config.mjs)', () => {
  describe('when a file imports across a boundary', () => {
    const bad: (Case & { rule: string; why: string })[] = [
      {
        why: 'an app importing another app by relative path',
        filePath: 'apps/gateway/src/reach-into-executor.ts',
        code: "import * as executor from '../../executor/src/main';\nexport const reached = executor;\n",
        rule: 'boundaries/element-types',
      },
      {
        why: 'an app importing another app with a type-only import',
        filePath: 'apps/price-feed/src/reach-into-gateway.ts',
        code: "import type * as gateway from '../../gateway/src/main';\nexport type Reached = typeof gateway;\n",
        rule: 'boundaries/element-types',
      },
      {
        why: 'a lib importing an app',
        filePath: 'libs/observability/src/reach-into-app.ts',
        code: "import * as gateway from '../../../apps/gateway/src/main';\nexport const reached = gateway;\n",
        rule: 'boundaries/element-types',
      },
      {
        why: 'a lib importing the composition root (libs/runtime)',
        filePath: 'libs/observability/src/reach-into-runtime.ts',
        code: "import { runService } from '@mirrorbook/runtime';\nexport const run = runService;\n",
        rule: 'boundaries/element-types',
      },
      {
        why: 'libs/contracts (pure) importing the Injective adapter',
        filePath: 'libs/contracts/src/reach-into-injective.ts',
        code: "import { LcdClient } from '@mirrorbook/injective';\nexport const client = LcdClient;\n",
        rule: 'boundaries/element-types',
      },
      {
        why: 'libs/strategy-core (pure) importing messaging',
        filePath: 'libs/strategy-core/src/reach-into-messaging.ts',
        code: "import { MessagingService } from '@mirrorbook/messaging';\nexport const service = MessagingService;\n",
        rule: 'boundaries/element-types',
      },
      {
        why: 'bench importing test/',
        filePath: 'bench/reach-into-test.bench.ts',
        code: "import { screenshotDir } from '../test/support/screenshots';\nexport const dir = screenshotDir;\n",
        rule: 'boundaries/element-types',
      },
      {
        why: 'a script (.mjs) importing test/',
        filePath: 'scripts/reach-into-test.mjs',
        code: "import { screenshotDir } from '../test/support/screenshots.ts';\nexport const dir = screenshotDir;\n",
        rule: 'boundaries/element-types',
      },
      {
        why: 'an app other than the simulator importing the simulator codec',
        filePath: 'apps/executor/src/reach-into-sim-codec.ts',
        code: "import { decodeTx } from '@mirrorbook/injective/sim-codec';\nexport const decode = decodeTx;\n",
        rule: 'boundaries/element-types',
      },
      {
        why: 'the price feed importing the signing entry',
        filePath: 'apps/price-feed/src/reach-into-signing.ts',
        code: "import { signTx } from '@mirrorbook/injective/signing';\nexport const sign = signTx;\n",
        rule: 'boundaries/element-types',
      },
      {
        why: 'the gateway importing the signing entry',
        filePath: 'apps/gateway/src/reach-into-signing.ts',
        code: "import { walletFromPrivateKey } from '@mirrorbook/injective/signing';\nexport const wallet = walletFromPrivateKey;\n",
        rule: 'boundaries/element-types',
      },
      {
        why: 'an app importing a file inside a lib instead of its index',
        filePath: 'apps/gateway/src/reach-into-lib.ts',
        code: "import { Lease } from '../../../libs/locking/src/lease';\nexport const lease = Lease;\n",
        rule: 'boundaries/entry-point',
      },
    ];
    let reported: string[][];
    beforeAll(() => {
      reported = lint(bad);
    });

    it.each(bad.map((c, i) => [c.why, c.rule, i] as const))('reports %s (%s)', (_why, rule, i) => {
      expect(reported[i]).toContain(rule);
    });
  });

  describe('when a file imports what it may', () => {
    const good: (Case & { why: string })[] = [
      {
        why: 'an app importing a lib through its index',
        filePath: 'apps/gateway/src/uses-contracts.ts',
        code: "import { subjects } from '@mirrorbook/contracts';\nexport const all = subjects;\n",
      },
      {
        why: 'an app starting through the composition root',
        filePath: 'apps/gateway/src/uses-runtime.ts',
        code: "import { runService } from '@mirrorbook/runtime';\nexport const run = runService;\n",
      },
      {
        why: 'the simulator importing its codec',
        filePath: 'apps/injective-sim/src/uses-sim-codec.ts',
        code: "import { decodeTx } from '@mirrorbook/injective/sim-codec';\nexport const decode = decodeTx;\n",
      },
      {
        why: 'the executor importing the signing entry',
        filePath: 'apps/executor/src/uses-signing.ts',
        code: "import { signTx } from '@mirrorbook/injective/signing';\nexport const sign = signTx;\n",
      },
      {
        why: 'a pure lib importing another pure lib',
        filePath: 'libs/strategy-core/src/uses-market.ts',
        code: "import { Dec } from '@mirrorbook/market';\nexport const dec = Dec;\n",
      },
      {
        why: 'bench importing the full-stack harness from libs/testing',
        filePath: 'bench/uses-stack.bench.ts',
        code: "import { startStack } from '@mirrorbook/testing/stack';\nexport const start = startStack;\n",
      },
      {
        why: 'a spec under test/bench importing test support',
        filePath: 'test/bench/uses-support.spec.ts',
        code: "import { screenshotDir } from '../support/screenshots';\nexport const dir = screenshotDir;\n",
      },
    ];
    let reported: string[][];
    beforeAll(() => {
      reported = lint(good);
    });

    it.each(good.map((c, i) => [c.why, i] as const))('reports nothing for %s', (_why, i) => {
      expect(reported[i]).toEqual([]);
    });
  });
});
