import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '@mirrorbook/testing';

/** RSS (MiB) of an idle Node process at three stages of what every service loads. */
export interface RuntimeBaseline {
  /** bare `node` */
  node: number;
  /** `node -r @swc-node/register` (how every app runs: TypeScript compiled at load) */
  swcRegister: number;
  /** the same after `require('libs/injective')` (the Injective SDK: executors, feed, CLI) */
  withInjective: number;
}

function rssOf(args: string[]): number {
  const script = "setTimeout(() => process.stdout.write(String(process.memoryUsage().rss)), 300)";
  const out = execFileSync(process.execPath, [...args, '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  return Math.round(Number(out) / 2 ** 20);
}

/** Where an app's RSS comes from before it does any work. */
export function runtimeBaseline(): RuntimeBaseline {
  return {
    node: rssOf([]),
    swcRegister: rssOf(['-r', '@swc-node/register']),
    withInjective: rssOf(['-r', '@swc-node/register', '-r', './libs/injective/src/index.ts']),
  };
}
