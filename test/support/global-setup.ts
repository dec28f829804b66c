import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Starts the stray-process check from a clean slate. */
export default async function globalSetup(): Promise<void> {
  rmSync(join(tmpdir(), 'mirrorbook-harness-pids'), { recursive: true, force: true });
}
