// @mirrorbook/contracts/json-schemas: the payloads' JSON Schemas for other tools (scripts/export-schemas.ts
// writes docs/contracts/), apart from the index so that no service loads zod-to-json-schema for them.
import { zodToJsonSchema } from 'zod-to-json-schema';
import { subjectCatalog, type SubjectFamily } from './subjects';

/** The JSON Schema (draft 2020-12 compatible subset) of each payload, keyed by family. */
export function payloadJsonSchemas(): Record<SubjectFamily, object> {
  const entries = Object.entries(subjectCatalog).map(([family, spec]) => [
    family,
    {
      title: `${family} payload`,
      description: `Payload of ${spec.prefix}.${spec.params.map((p) => `<${p}>`).join('.')}`,
      ...zodToJsonSchema(spec.schema, { target: 'jsonSchema7', $refStrategy: 'none' }),
    },
  ]);
  return Object.fromEntries(entries) as Record<SubjectFamily, object>;
}
