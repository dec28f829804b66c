import type { ConfigError } from '@mirrorbook/config';
import { EXIT_CONFIG } from '@mirrorbook/runtime';

/**
 * Stops the process on a configuration error found after start (e.g. a leverage the market does
 * not allow): its lines on stderr, exit code 78, which the starter does not restart.
 */
export function exitOnConfigError(error: ConfigError): never {
  process.stderr.write(`executor: invalid configuration: ${error.problems.join('; ')}\n`);
  process.exit(EXIT_CONFIG);
}
