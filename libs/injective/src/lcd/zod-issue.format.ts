import { z } from 'zod';

// How `LcdClient` names what in a reply did not parse.

/** The issue to report: inside a union, the one of the branch that matched furthest. */
export function deepestIssue(error: z.ZodError): z.ZodIssue | undefined {
  const issue = error.issues[0];
  if (issue?.code !== z.ZodIssueCode.invalid_union) return issue;
  const candidates = issue.unionErrors.map(deepestIssue).filter((i): i is z.ZodIssue => i !== undefined);
  return candidates.reduce<z.ZodIssue>((best, i) => (i.path.length > best.path.length ? i : best), issue);
}

export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment),
    '',
  );
}
