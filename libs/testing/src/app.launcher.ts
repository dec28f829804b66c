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
 * Starts `apps/<app>` from the compiled dist/ as the images and `npm start` run it
 * (`node --max-semi-space-size=1 dist/apps/<app>/src/main.js`, NODE_ENV=production); the caller
 * makes sure dist/ is current (`ensureCompiled()`).
 */
export function startCompiledAppProcess(app: AppName, env: NodeJS.ProcessEnv = {}, args: string[] = []): ManagedProcess {
  return new ManagedProcess(app, process.execPath, ['--max-semi-space-size=1', join('dist', 'apps', app, 'src', 'main.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, NODE_ENV: 'production' },
  });
}
