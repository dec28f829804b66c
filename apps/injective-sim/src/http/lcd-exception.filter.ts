import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { GRPC_CODE, LcdError } from './lcd.error';

/**
 * Every error leaves the sim as the LCD's `{"code","message","details":[]}` body: `LcdError`s as
 * they are, Nest's HTTP exceptions (unknown route, malformed JSON body) with their status, and
 * anything else as 500 Internal (logged: that is a sim bug).
 */
@Catch()
export class LcdExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('injective-sim');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const error = toLcdError(exception);
    if (error.status >= 500 && !(exception instanceof LcdError)) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (res.headersSent) return;
    res.status(error.status).json(error.body());
  }
}

function toLcdError(exception: unknown): LcdError {
  if (exception instanceof LcdError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return new LcdError(501, GRPC_CODE.UNIMPLEMENTED, 'Not Implemented');
    return new LcdError(status, status < 500 ? GRPC_CODE.INVALID_ARGUMENT : GRPC_CODE.INTERNAL, messageOf(exception));
  }
  if (isBodyParserError(exception)) {
    return new LcdError(exception.status, GRPC_CODE.INVALID_ARGUMENT, `invalid request body: ${exception.message}`);
  }
  return new LcdError(500, GRPC_CODE.INTERNAL, 'internal error');
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
}

/** body-parser's errors (bad JSON, too large) carry an HTTP status and `type`. */
function isBodyParserError(e: unknown): e is Error & { status: number; type: string } {
  return e instanceof Error && typeof (e as { status?: unknown }).status === 'number' && typeof (e as { type?: unknown }).type === 'string';
}
