import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig, type AppConfig } from '@mirrorbook/config';
import { EXIT_CONFIG } from './exit-codes';

const MIN_NODE = [20, 19];

/** Exits with EXIT_CONFIG on a Node older than the Injective SDK needs. */
export function assertNodeVersion(): void {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
    process.stderr.write(`mirrorbook needs Node >= ${MIN_NODE.join('.')} (the Injective SDK requires it); this is ${process.versions.node}\n`);
    process.exit(EXIT_CONFIG);
  }
}

/**
 * Loads .env and the config, then the app's own rules on it (`appProblems`), or prints every
 * problem (file, path, reason) and exits.
 */
export function loadConfigOrExit(app: string, appProblems: (config: AppConfig) => string[] = () => []): AppConfig {
  loadDotenv({ quiet: true } as never);
  try {
    const config = loadConfig(process.env);
    const problems = appProblems(config);
    if (problems.length > 0) throw new ConfigError(problems);
    return config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`${app}: invalid configuration: ${problem}\n`);
    process.exit(EXIT_CONFIG);
  }
}
