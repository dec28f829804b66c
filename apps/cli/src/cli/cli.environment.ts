import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { CliError } from './cli.errors';
import { chooseCliEnvironment, processExists, readLocalStackFile } from './local-stack';

/** The repository the cli runs from: the nearest folder with a package.json, from apps/ or dist/apps/. */
const REPO_ROOT = packageRoot(__dirname);

function packageRoot(dir: string): string {
  if (existsSync(join(dir, 'package.json')) || dirname(dir) === dir) return dir;
  return packageRoot(dirname(dir));
}

/**
 * Settles the settings of this run in `process.env`: `--env-file` first (the environment still
 * wins, as with .env), then — when nothing names a stack — the local stack file of `npm start`
 * (`$MB_DATA_DIR`, else the repository's `.data/`). Says in one line on stderr which stack it is.
 * With `needed`, a local stack that stopped is an error naming it (exit 4), not a list of
 * unreachable endpoints.
 */
export function settleEnvironment(envFile: string | undefined, needed: boolean, env: NodeJS.ProcessEnv = process.env): void {
  if (envFile !== undefined) {
    if (!existsSync(envFile)) throw CliError.usage(`--env-file ${envFile}: no such file`);
    loadDotenv({ path: envFile, quiet: true } as never);
    process.stderr.write(`mirrorbook: settings from ${envFile}\n`);
    return;
  }
  const stack = readLocalStackFile(env.MB_DATA_DIR ?? join(REPO_ROOT, '.data'));
  const source = chooseCliEnvironment(env, stack, processExists);
  if (source.kind === 'local-stack-stopped' && needed) throw CliError.network(source.line);
  if (source.kind === 'local-stack') {
    for (const [name, value] of Object.entries(source.variables)) if (env[name] === undefined) env[name] = value;
  }
  if (source.kind !== 'defaults' || needed) process.stderr.write(`mirrorbook: ${source.line}\n`);
}
