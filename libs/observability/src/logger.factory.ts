import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { redactLogLine, redactLogObject } from './redaction';

/**
 * pino options shared by every service: JSON lines; secret fields, URL credentials and the
 * registered secrets (`registerLogSecret`) redacted. Hashes and market ids stay readable.
 */
export function loggerOptions(app: string, instance: string, level: string): LoggerOptions {
  return {
    level,
    base: { app, instance },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactLogObject(object) as Record<string, unknown>,
    },
    hooks: { streamWrite: redactLogLine },
    // a line logged while Nest handles a request carries the request (pino-http): never its credentials
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["proxy-authorization"]'], censor: '[redacted]' },
  };
}

/** A standalone logger with the same redaction (scripts, the CLI, code outside Nest). */
export function createLogger(app: string, instance: string, level = 'info', destination?: DestinationStream): Logger {
  return destination ? pino(loggerOptions(app, instance, level), destination) : pino(loggerOptions(app, instance, level));
}
