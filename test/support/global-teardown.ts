import { rmSync } from 'node:fs';
// jest loads its global teardown without the @mirrorbook/* module mapping: this reaches the one file
// it needs, which imports no lib
// eslint-disable-next-line boundaries/entry-point
import { registryDir, strayProcesses } from '../../libs/testing/src/process.registry';

/** The harness must leave nothing running: fail the run if a process it started is still alive. */
export default async function globalTeardown(): Promise<void> {
  const stray = strayProcesses();
  for (const [pid] of stray) process.kill(pid, 'SIGKILL');
  rmSync(registryDir(), { recursive: true, force: true });
  if (stray.length > 0) {
    throw new Error(`harness left ${stray.length} process(es) running: ${stray.map(([pid, what]) => `${pid} ${what}`).join('; ')}`);
  }
}
