import type { ZodIssue, ZodTypeAny, z } from 'zod';

export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: 'not-json' | 'schema'; detail: string; issues?: ZodIssue[] };

/** Parses raw bytes as JSON and validates them against the payload schema. Never throws. */
export function decodeInbound<S extends ZodTypeAny>(schema: S, data: Uint8Array): Decoded<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch (error) {
    return { ok: false, reason: 'not-json', detail: (error as Error).message };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const detail = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return { ok: false, reason: 'schema', detail, issues: result.error.issues };
}
