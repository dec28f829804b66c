import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { WebSocket } from 'ws';
import { countInvalidInput, NotConnectedError } from '@mirrorbook/messaging';
import { DependencyUnavailableError } from './dependency-unavailable.error';
import { DependencyMonitor } from './dependency.monitor';
import { RequestValidationError } from './request-validation.error';

interface ErrorBody {
  statusCode: number;
  message: string;
  code?: string;
  [field: string]: unknown;
}

/** A client error raised by express middleware (body-parser: `http-errors` with `expose`), e.g. 413. */
interface ExposedClientError {
  status: number;
  message: string;
  expose: true;
}

function isExposedClientError(e: unknown): e is ExposedClientError {
  const candidate = e as Partial<ExposedClientError> | null;
  return typeof candidate === 'object' && candidate !== null && candidate.expose === true && typeof candidate.status === 'number' && candidate.status >= 400 && candidate.status < 500;
}

/** HTTP statuses that mean "the request's content was malformed" (counted as invalid input). */
const INVALID_INPUT: Record<number, string> = { 400: 'malformed', 413: 'too-large', 415: 'media-type' };

/**
 * Every error leaves as JSON with a reason: HTTP exceptions as they are, client errors of the body
 * parser (413 too large) with their status, a lost NATS or Redis as 503 naming it, anything else
 * as 500 without internals. WebSocket clients get `{type:'error'}`. A malformed request is counted
 * in `mirrorbook_invalid_messages_total{family="http"}`.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Gateway');

  constructor(private readonly dependencies: DependencyMonitor) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = this.bodyOf(exception);
    if (host.getType() === 'ws') {
      const client = host.switchToWs().getClient<WebSocket>();
      const { statusCode, message, code, ...rest } = body;
      if (client.readyState === client.OPEN) client.send(JSON.stringify({ type: 'error', status: statusCode, code: code ?? 'ERROR', message, ...rest }));
      return;
    }
    if (host.getType() !== 'http') return;
    const invalid = INVALID_INPUT[body.statusCode];
    if (invalid) countInvalidInput('http', exception instanceof RequestValidationError ? 'schema' : invalid);
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (body.statusCode === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="mirrorbook"');
    response.status(body.statusCode).json(body);
  }

  private bodyOf(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const status = exception.getStatus();
      return typeof response === 'string' ? { statusCode: status, message: response } : ({ statusCode: status, ...response } as ErrorBody);
    }
    if (isExposedClientError(exception)) return { statusCode: exception.status, error: 'Client Error', message: exception.message };
    // a dependency that dropped between the guard's check and the call: say which, not "500"
    const down = exception instanceof NotConnectedError ? (['nats'] as const) : this.dependencies.unavailable();
    if (down.length > 0) return this.bodyOf(new DependencyUnavailableError([...down]));
    this.logger.error(`unhandled error: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`);
    return { statusCode: 500, error: 'Internal Server Error', message: 'internal error' };
  }
}
