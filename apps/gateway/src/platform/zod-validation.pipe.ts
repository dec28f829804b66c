import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { fieldErrorsOf } from './field-errors';
import { RequestValidationError } from './request-validation.error';
import { isZodDto } from './zod.dto';

const WHAT: Record<ArgumentMetadata['type'], string> = {
  body: 'request body',
  query: 'query parameters',
  param: 'path parameters',
  custom: 'message',
};

/**
 * Global pipe: a parameter typed with a `zodDto` class is parsed by its schema (defaults and
 * coercions applied); a failure is a 400 naming each field. Other parameters pass untouched.
 */
@Injectable()
export class ZodValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!isZodDto(metadata.metatype)) return value;
    const result = metadata.metatype.zodSchema.safeParse(value ?? {});
    if (result.success) return result.data;
    throw new RequestValidationError(WHAT[metadata.type], fieldErrorsOf(result.error.issues));
  }
}
