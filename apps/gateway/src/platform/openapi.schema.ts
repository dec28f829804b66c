import type { SchemaObject } from '@nestjs/swagger';
import type { ZodTypeAny } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';

/** The OpenAPI 3 form of a zod schema, for `@ApiBody` / `@ApiOkResponse` (types are never written twice). */
export function openApiSchema(schema: ZodTypeAny): SchemaObject {
  const { $schema: _ignored, ...json } = zodToJsonSchema(schema, { target: 'openApi3', $refStrategy: 'none' }) as Record<string, unknown>;
  return json as SchemaObject;
}
