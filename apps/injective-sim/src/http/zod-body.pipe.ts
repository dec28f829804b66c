import type { PipeTransform } from '@nestjs/common';
import { formatPath } from '@mirrorbook/config';
import type { ZodType, ZodTypeDef } from 'zod';
import { LcdError } from './lcd.error';

/**
 * Validates a request body (or query) with a zod schema; a mismatch is a 400 InvalidArgument
 * naming the fields, never a 500.
 */
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T, ZodTypeDef, unknown>) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((i) => (i.path.length ? `${formatPath(i.path)}: ${i.message}` : i.message));
    throw LcdError.invalidArgument(`invalid request: ${problems.join('; ')}`);
  }
}
