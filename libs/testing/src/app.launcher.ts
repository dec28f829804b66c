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
