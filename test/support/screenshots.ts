import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@mirrorbook/testing';

/**
 * Where the browser tests save their screenshots: `docs/screenshots/` with UPDATE_SCREENSHOTS=1
 * (to refresh the committed ones), otherwise a temporary directory, so a test run leaves the
 * working tree as it found it.
 */
export function screenshotDir(): string {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs', 'screenshots') : join(tmpdir(), 'mirrorbook-screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}
