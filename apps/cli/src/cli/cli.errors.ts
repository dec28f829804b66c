import { ConfigError } from '@mirrorbook/config';
import {
  AccountNotFoundError,
  ChainTxError,
  ChainUnavailableError,
  InvalidPrivateKeyError,
  LcdRequestError,
  MainnetTradingRefusedError,
  MalformedResponseError,
  RateLimitedError,
  TxNotIncludedError,
} from '@mirrorbook/injective';
import { EXIT, type ExitCode } from './exit-codes';

/** Why a command stopped; each kind has its exit code. */
export type CliErrorCode = 'USAGE' | 'REFUSED' | 'NETWORK' | 'CONFIG' | 'CHECK_FAILED';

/** An error the CLI reports as one line and a documented exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    readonly code: CliErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get exitCode(): ExitCode {
    return EXIT[this.code];
  }

  static usage(message: string): CliError {
    return new CliError('USAGE', message);
  }

  static refused(message: string): CliError {
    return new CliError('REFUSED', message);
  }

  static network(message: string, cause?: unknown): CliError {
    return new CliError('NETWORK', message, { cause });
  }

  static config(message: string, cause?: unknown): CliError {
    return new CliError('CONFIG', message, { cause });
  }
}

/** The exit code for anything a command throws. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof ConfigError || error instanceof InvalidPrivateKeyError) return EXIT.CONFIG;
  if (error instanceof MainnetTradingRefusedError) return EXIT.REFUSED;
  if (
    error instanceof ChainUnavailableError ||
    error instanceof RateLimitedError ||
    error instanceof LcdRequestError ||
    error instanceof MalformedResponseError ||
    error instanceof AccountNotFoundError ||
    error instanceof TxNotIncludedError ||
    error instanceof ChainTxError
  ) {
    return EXIT.NETWORK;
  }
  return EXIT.CHECK_FAILED;
}

/**
 * The lines to print for an error: one line (`mirrorbook: <message>`), except a configuration
 * error, which names every problem on its own line. The stack only with `verbose`.
 */
export function describeError(error: unknown, verbose = false): string[] {
  const lines =
    error instanceof ConfigError
      ? error.problems.map((p) => `mirrorbook: invalid configuration: ${p}`)
      : [`mirrorbook: ${oneLine(error)}`];
  if (verbose && error instanceof Error && error.stack) {
    lines.push(error.stack);
    if (error.cause instanceof Error && error.cause.stack) lines.push(`caused by: ${error.cause.stack}`);
  }
  return lines;
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0] ?? '';
  return first.trim() === '' ? 'unknown error' : first.trim();
}
