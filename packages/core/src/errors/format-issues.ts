import type { z } from 'zod';

/** Renders a zod issue path the way a user writes it: `messages[2].content`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

type Issue = z.core.$ZodIssue;

/**
 * Turns zod issues into `path: message` lines. For a union, it reports the branch that got
 * furthest (the deepest path) instead of a bare "invalid input".
 *
 * @example
 * formatIssues(result.error.issues) // ['messages[0].role: Invalid input: expected "user" …']
 */
export function formatIssues(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = deepestBranch(issue.errors);
      if (best?.some((inner) => inner.path.length > 0)) {
        lines.push(...formatIssues(best, path));
        continue;
      }
    }
    lines.push(`${formatPath(path)}: ${issue.message}`);
  }
  return lines;
}

function deepestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  let best: readonly Issue[] | undefined;
  let bestDepth = -1;
  for (const branch of branches) {
    const depth = Math.max(...branch.map((issue) => issue.path.length));
    if (depth > bestDepth) {
      best = branch;
      bestDepth = depth;
    }
  }
  return best;
}
