import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseDotenv } from 'dotenv';

/**
 * The file `npm start` writes into its data directory (scripts/start.mjs): how a local tool reaches
 * the stack it runs — endpoints, the cli's own NATS and Redis identity, the demo key files — with
 * the pid of the script, and `MB_STACK_STOPPED` once it has stopped.
 */
export const LOCAL_STACK_FILE = 'stack.env';

/** Settings that, set in the environment (or a .env / --env-file), say which stack to talk to. */
export const ENDPOINT_VARIABLES = ['NETWORK', 'NATS_URL', 'REDIS_URL', 'SIM_LCD_URL'] as const;

/** Where the cli's settings come from, and the one line that says so. */
export type CliEnvironmentSource =
  | { readonly kind: 'explicit'; readonly line: string }
  | { readonly kind: 'local-stack'; readonly line: string; readonly variables: Readonly<Record<string, string>> }
  | { readonly kind: 'local-stack-stopped'; readonly line: string }
  | { readonly kind: 'defaults'; readonly line: string };

/** What a stack file holds, as parsed. */
export interface LocalStackFile {
  /** as shown to the user (relative to the working directory when shorter) */
  readonly path: string;
  readonly variables: Readonly<Record<string, string>>;
}

/**
 * Which stack the cli talks to (pure): explicit settings (environment, .env, --env-file) always
 * win; else a running local stack's file; a stack that stopped is named as such, so that commands
 * needing it say "not running" instead of listing unreachable endpoints; else the built-in defaults.
 */
export function chooseCliEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  stack: LocalStackFile | undefined,
  isRunning: (pid: number) => boolean,
): CliEnvironmentSource {
  const explicit = ENDPOINT_VARIABLES.filter((name) => env[name] !== undefined && env[name] !== '');
  if (explicit.length > 0) return { kind: 'explicit', line: `using the stack the environment names (${explicit.join(', ')})` };
  if (!stack) return { kind: 'defaults', line: 'no local stack found and no NATS_URL, REDIS_URL or SIM_LCD_URL set: using the defaults' };
  const pid = Number(stack.variables.MB_STACK_PID);
  const stopped = stack.variables.MB_STACK_STOPPED;
  if (stopped !== undefined || !Number.isSafeInteger(pid) || pid <= 0 || !isRunning(pid)) {
    const when = stopped ? `stopped at ${stopped}` : `its npm start (pid ${stack.variables.MB_STACK_PID ?? '?'}) is gone`;
    return {
      kind: 'local-stack-stopped',
      line: `the local stack is not running (${when}; ${stack.path}): start it with "npm start", or name another stack with NATS_URL, REDIS_URL and SIM_LCD_URL or --env-file`,
    };
  }
  const network = stack.variables.NETWORK ?? 'sim';
  return { kind: 'local-stack', line: `talking to the local stack of npm start (${network}, pid ${pid}, ${stack.path})`, variables: stack.variables };
}

/** The local stack file of `dataDir`, when there is one. */
export function readLocalStackFile(dataDir: string, cwd = process.cwd()): LocalStackFile | undefined {
  const file = join(dataDir, LOCAL_STACK_FILE);
  if (!existsSync(file)) return undefined;
  const shown = relative(cwd, file);
  return { path: shown.length < file.length && !shown.startsWith('../..') ? shown : file, variables: parseDotenv(readFileSync(file)) };
}

/** Whether a process of that pid exists (signal 0; EPERM: it exists, owned by someone else). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
