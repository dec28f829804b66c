import { BadRequestException } from '@nestjs/common';
import type { FieldErrors } from './field-errors';

/** 400 with the offending fields: `{ code: 'INVALID_REQUEST', message, fieldErrors }`. */
export class RequestValidationError extends BadRequestException {
  readonly code = 'INVALID_REQUEST';

  constructor(
    readonly what: string,
    readonly fieldErrors: FieldErrors,
  ) {
    super({ statusCode: 400, error: 'Bad Request', code: 'INVALID_REQUEST', message: `invalid ${what}`, fieldErrors });
  }
}
