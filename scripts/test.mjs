#!/usr/bin/env node
// @ts-check
// The full test suite: lint, typecheck, every jest project (unit and integration), then the
// end-to-end scenarios one at a time, ending with one summary line of passed/failed counts.
// Arguments (e.g. a path filter) go to both jest runs. Installs npm dependencies when missing.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();

if (!existsSync(join(ROOT, 'node_modules', '.bin', 'jest'))) {
  execSync('npm ci --no-audit --no-fund', { cwd: ROOT, stdio: 'inherit' });
}
for (const binary of ['nats-server', 'redis-server']) {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`]).status === 0;
  if (!found) {
    console.error(`test: ${binary} not found: install it with "apt-get install -y ${binary}"`);
    process.exit(1);
  }
}

/**
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 */
function step(name, command, args) {
  const t0 = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  console.log(`test: ${name} ${result.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

const bin = (/** @type {string} */ name) => join(ROOT, 'node_modules', '.bin', name);
const lint = step('lint', bin('eslint'), ['.']);
// the TypeScript, then the plain-JavaScript scripts (this one included) through their JSDoc
const types = [
  step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']),
  step('typecheck scripts', bin('tsc'), ['-p', 'tsconfig.scripts.json']),
].every(Boolean);
const COUNTS = ['numPassedTests', 'numFailedTests', 'numPendingTests', 'numTotalTestSuites', 'numFailedTestSuites'];
const counts = Object.fromEntries(COUNTS.map((k) => [k, 0]));

/**
 * One jest run; its counts are added to the summary.
 * @param {string} name
 * @param {string[]} configArgs
 */
function jestRun(name, configArgs) {
  const report = join(tmpdir(), `mirrorbook-${name}-${process.pid}.json`);
  const passed = step(name, bin('jest'), ['--ci', '--json', '--passWithNoTests', `--outputFile=${report}`, ...configArgs, ...process.argv.slice(2)]);
  if (existsSync(report)) {
    const result = JSON.parse(readFileSync(report, 'utf8'));
    for (const k of COUNTS) counts[k] += result[k] ?? 0;
    rmSync(report, { force: true });
  }
  return passed;
}

const jest = jestRun('jest', []);
// the end-to-end scenarios measure time in blocks: they run after the rest, one at a time, so
// they never share the cores with the parallel workers above
const e2e = jestRun('e2e', ['--config', 'jest.e2e.config.js']);
const ok = lint && types && jest && e2e;
console.log(
  `SUMMARY: ${ok ? 'PASSED' : 'FAILED'} — lint ${lint ? 'ok' : 'failed'}, typecheck ${types ? 'ok' : 'failed'}, ` +
    `tests ${counts.numPassedTests} passed, ${counts.numFailedTests} failed, ${counts.numPendingTests} skipped ` +
    `in ${counts.numTotalTestSuites} suites (${counts.numFailedTestSuites} failed), ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
process.exit(ok ? 0 : 1);
