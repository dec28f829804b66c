import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './app.launcher';

/**
 * Compiles the repository into dist/ when it is missing or older than a source (scripts/build.mjs
 * `--if-stale`, which serializes parallel callers), for tests that run what the images run.
 */
export function ensureCompiled(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 120_000 });
}
