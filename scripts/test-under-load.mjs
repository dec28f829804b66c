#!/usr/bin/env node
// @ts-check
// `npm run test:under-load`: the README's test command (`npm test`) while one extra process keeps
// one core busy for the whole run, as on a shared CI machine. Arguments go to `npm test`. Ends
// with the suite's SUMMARY line and one line of its own; exits with the suite's code.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();

const hog = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
console.log(`test:under-load: a busy loop (pid ${hog.pid}) keeps one core busy while npm test runs`);
const stopHog = () => {
  if (hog.exitCode === null && hog.signalCode === null) hog.kill('SIGKILL');
};
process.on('exit', stopHog);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopHog();
    process.exit(130);
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['test', '--', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit', env: process.env });
const busy = hog.exitCode === null && hog.signalCode === null;
stopHog();
const status = result.status ?? 1;
console.log(
  `test:under-load: ${status === 0 ? 'PASSED' : 'FAILED'} with one core busy ${busy ? 'for the whole run' : '(the busy loop ended early)'} ` +
    `in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
process.exit(busy ? status : 1);
