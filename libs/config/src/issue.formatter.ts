import type { ZodIssue } from 'zod';

/** `bots[1].markets[0]` from `['bots', 1, 'markets', 0]`. */
export function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${part}` : part;
  }, '');
}

/** One line per issue: `<source>: <path>: <reason>`. */
export function formatIssues(source: string, issues: ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path);
    return path ? `${source}: ${path}: ${issue.message}` : `${source}: ${issue.message}`;
  });
}
