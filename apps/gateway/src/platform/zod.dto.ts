import type { z, ZodTypeAny } from 'zod';

/** A class that carries a zod schema; the global ZodValidationPipe validates parameters typed with it. */
export interface ZodDtoClass<S extends ZodTypeAny = ZodTypeAny> {
  new (): z.output<S>;
  readonly zodSchema: S;
}

/** `class PatchParamsBody extends zodDto(schema) {}`: the parameter's type is the schema's output. */
export function zodDto<S extends ZodTypeAny>(schema: S): ZodDtoClass<S> {
  class ZodDto {
    static readonly zodSchema = schema;
  }
  return ZodDto as unknown as ZodDtoClass<S>;
}

/** True for classes made by `zodDto`. */
export function isZodDto(value: unknown): value is ZodDtoClass {
  return typeof value === 'function' && 'zodSchema' in value;
}
