import { inspect } from 'node:util';

/**
 * Where any of `secrets` shows up in an error: its message, stack, `toJSON()` and its full
 * inspection (causes included, as a logger would print it). Returns one line per leak.
 *
 * @example
 * expect(findSecretLeaks(error, ['sk-test-123'])).toEqual([]);
 */
export function findSecretLeaks(error: unknown, secrets: readonly string[]): string[] {
  const views: [string, string][] = [['inspect(error)', inspect(error, { depth: 8 })]];
  if (error instanceof Error) {
    views.push(['message', error.message], ['stack', error.stack ?? '']);
  }
  const toJSON = (error as { toJSON?: () => unknown } | null)?.toJSON;
  if (typeof toJSON === 'function') views.push(['toJSON()', JSON.stringify(toJSON.call(error))]);
  const leaks: string[] = [];
  for (const secret of secrets) {
    if (secret === '') continue;
    for (const [where, text] of views) {
      if (text.includes(secret)) leaks.push(`${where} contains the secret '${secret.slice(0, 4)}…'`);
    }
  }
  return leaks;
}
