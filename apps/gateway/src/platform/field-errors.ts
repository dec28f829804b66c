import type { ZodIssue } from 'zod';
import { formatPath } from '@mirrorbook/config';

/** Field path (`maintenance.perSide`, `(root)` for the whole value) → its messages. */
export type FieldErrors = Record<string, string[]>;

/** Groups zod issues by field path; `suffix` tags each message (e.g. the market it failed on). */
export function fieldErrorsOf(issues: ZodIssue[], suffix = '', into: FieldErrors = {}): FieldErrors {
  for (const issue of issues) {
    const path = formatPath(issue.path) || '(root)';
    const message = issue.message + suffix;
    const messages = (into[path] ??= []);
    if (!messages.includes(message)) messages.push(message);
  }
  return into;
}
