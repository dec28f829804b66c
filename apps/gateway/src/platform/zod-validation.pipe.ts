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
    // no JSON body was parsed (none sent, or not `Content-Type: application/json`)
    if (metadata.type === 'body' && value === undefined) {
      throw new RequestValidationError(WHAT.body, { '(root)': ['a JSON body is required (Content-Type: application/json)'] });
    }
    // zod would drop the key silently (and merging it would set a prototype): refuse it instead
    const proto = metadata.type === 'body' ? protoKeyPath(value) : undefined;
    if (proto !== undefined) throw new RequestValidationError(WHAT.body, { [proto || '(root)']: ['"__proto__" is not an allowed key'] });
    const result = metadata.metatype.zodSchema.safeParse(value ?? {});
    if (result.success) return result.data;
    throw new RequestValidationError(WHAT[metadata.type], fieldErrorsOf(result.error.issues));
  }
}

/**
 * The dotted path of the first own `__proto__` key in a parsed JSON value ('' at the root), if any,
 * looking 32 levels deep (no schema of the API goes deeper; a deeper body fails its schema).
 */
function protoKeyPath(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value !== 'object' || value === null || depth > 32) return undefined;
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return path;
    const inner = protoKeyPath((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, depth + 1);
    if (inner !== undefined) return inner;
  }
  return undefined;
}
