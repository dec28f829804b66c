import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppName } from '@mirrorbook/contracts';
import { ManagedProcess } from './managed.process';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Starts `apps/<app>` as a child process exactly as the starter does, with extra environment. */
export function startAppProcess(app: AppName, env: NodeJS.ProcessEnv = {}, args: string[] = []): ManagedProcess {
  return new ManagedProcess(app, process.execPath, ['-r', '@swc-node/register', join('apps', app, 'src', 'main.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, NODE_ENV: 'test' },
  });
}

/**
 * The Node/V8 flags the services run with (scripts/node-flags.json, the one source that
 * scripts/start.mjs reads and the Dockerfile's commands must match), e.g.
 * `['--max-semi-space-size=4', '--heap-growing-percent=20']`.
 */
export function serviceNodeFlags(): string[] {
  return (JSON.parse(readFileSync(join(REPO_ROOT, 'scripts', 'node-flags.json'), 'utf8')) as { flags: string[] }).flags;
}

/**
 * Starts `apps/<app>` from the compiled dist/ as the images and `npm start` run it
 * (`node <serviceNodeFlags> dist/apps/<app>/src/main.js`, NODE_ENV=production); the caller
 * makes sure dist/ is current (`ensureCompiled()`).
 */
export function startCompiledAppProcess(app: AppName, env: NodeJS.ProcessEnv = {}, args: string[] = []): ManagedProcess {
  return new ManagedProcess(app, process.execPath, [...serviceNodeFlags(), join('dist', 'apps', app, 'src', 'main.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, NODE_ENV: 'production' },
  });
}
