#!/usr/bin/env node
// The full test suite: lint, typecheck, then every jest project (unit and integration), ending with
// one summary line of passed/failed counts. Installs npm dependencies first when they are missing.
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

function step(name, command, args) {
  const t0 = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  console.log(`test: ${name} ${result.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const lint = step('lint', bin('eslint'), ['.']);
const types = step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
const report = join(tmpdir(), `mirrorbook-jest-${process.pid}.json`);
const jest = step('jest', bin('jest'), ['--ci', '--json', `--outputFile=${report}`, ...process.argv.slice(2)]);

let counts = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTotalTestSuites: 0, numFailedTestSuites: 0 };
if (existsSync(report)) {
  counts = JSON.parse(readFileSync(report, 'utf8'));
  rmSync(report, { force: true });
}
const ok = lint && types && jest;
console.log(
  `SUMMARY: ${ok ? 'PASSED' : 'FAILED'} — lint ${lint ? 'ok' : 'failed'}, typecheck ${types ? 'ok' : 'failed'}, ` +
    `tests ${counts.numPassedTests} passed, ${counts.numFailedTests} failed, ${counts.numPendingTests} skipped ` +
    `in ${counts.numTotalTestSuites} suites (${counts.numFailedTestSuites} failed), ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
process.exit(ok ? 0 : 1);
