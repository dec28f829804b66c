import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './app.launcher';

/**
 * The Node/V8 flags the services run with (scripts/node-flags.json, the one source that
 * scripts/start.mjs reads and the Dockerfile's commands must match), e.g.
 * `['--max-semi-space-size=1', '--optimize-for-size']`.
 */
export function serviceNodeFlags(): string[] {
  return (JSON.parse(readFileSync(join(REPO_ROOT, 'scripts', 'node-flags.json'), 'utf8')) as { flags: string[] }).flags;
}
