import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set by the suite's global setup so every worker of one jest run records into the same folder. */
export const RUN_ENV = 'MIRRORBOOK_HARNESS_RUN';

/**
 * Every process the harness starts is recorded here (one file per pid, one folder per jest run),
 * so the run's global teardown can prove nothing was left running, whichever test file started it,
 * without touching the processes of another run on the same machine.
 */
export function registryDir(): string {
  return join(tmpdir(), 'mirrorbook-harness-pids', process.env[RUN_ENV] ?? `pid-${process.pid}`);
}

export function recordStarted(pid: number, what: string): void {
  mkdirSync(registryDir(), { recursive: true });
  writeFileSync(join(registryDir(), String(pid)), what);
}

export function recordStopped(pid: number): void {
  rmSync(join(registryDir(), String(pid)), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes recorded as started and not stopped that are still alive: `[pid, what]`. */
export function strayProcesses(): [number, string][] {
  let entries: string[];
  try {
    entries = readdirSync(registryDir());
  } catch {
    return [];
  }
  return entries
    .map((name) => [Number(name), readFileSync(join(registryDir(), name), 'utf8')] as [number, string])
    .filter(([pid]) => {
      if (isAlive(pid)) return true;
      recordStopped(pid);
      return false;
    });
}
