import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every process the harness starts is recorded here (one file per pid), so the suite's global
 * teardown can prove nothing was left running, whichever test file started it.
 */
export const REGISTRY_DIR = join(tmpdir(), 'mirrorbook-harness-pids');

export function recordStarted(pid: number, what: string): void {
  mkdirSync(REGISTRY_DIR, { recursive: true });
  writeFileSync(join(REGISTRY_DIR, String(pid)), what);
}

export function recordStopped(pid: number): void {
  rmSync(join(REGISTRY_DIR, String(pid)), { force: true });
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
    entries = readdirSync(REGISTRY_DIR);
  } catch {
    return [];
  }
  return entries
    .map((name) => [Number(name), readFileSync(join(REGISTRY_DIR, name), 'utf8')] as [number, string])
    .filter(([pid]) => {
      if (isAlive(pid)) return true;
      recordStopped(pid);
      return false;
    });
}
