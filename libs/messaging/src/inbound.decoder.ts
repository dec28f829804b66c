import type { ZodIssue, ZodTypeAny, z } from 'zod';
import { payloadTimeIssue, subjectCatalog, type PayloadOf, type SubjectFamily, type TimeIssueReason } from '@mirrorbook/contracts';

export type Decoded<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      reason: 'not-json' | 'schema' | TimeIssueReason;
      detail: string;
      issues?: ZodIssue[];
      /** a schema-valid payload refused by the time rule, so that its refusal can be reported */
      untimely?: T;
    };

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

/**
 * Decodes a payload of a subject family: JSON, its schema, then the time rule of the family
 * (`payloadTimeIssue`: no `ts` from the future, intent lifetimes bounded). Never throws.
 */
export function decodePayload<F extends SubjectFamily>(family: F, data: Uint8Array, nowMs: number): Decoded<PayloadOf<F>> {
  const decoded = decodeInbound(subjectCatalog[family].schema, data);
  if (!decoded.ok) return decoded;
  const issue = payloadTimeIssue(family, decoded.value, nowMs);
  const value = decoded.value as PayloadOf<F>;
  return issue ? { ok: false, reason: issue.reason, detail: issue.detail, untimely: value } : { ok: true, value };
}
