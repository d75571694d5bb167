import { InvalidConfigError } from '@switchyard/core';

/** The settings every HTTP adapter shares and {@link checkConnectionSettings} checks. */
export type ConnectionSettingsToCheck = {
  readonly baseUrl?: unknown;
  readonly streamIdleTimeoutMs?: unknown;
};

/** What {@link checkConnectionSettings} needs besides the settings. */
export type ConnectionSettingsCheck = {
  /** The server's name in the message: `Invalid Anthropic backend settings: …`. */
  readonly displayName: string;
  /** An example `baseUrl` for the hint, e.g. `https://api.anthropic.com`. */
  readonly exampleBaseUrl: string;
  /** The adapter's own problems, as `field: problem` (listed between baseUrl's and the timeout's). */
  readonly problems?: readonly string[];
};

/**
 * Checks an adapter's settings at construction (no I/O), so a config typo fails at start-up
 * instead of on every call: `baseUrl` must be an http(s) URL and `streamIdleTimeoutMs` a positive
 * number, plus whatever problems the adapter found in its own fields. Throws `InvalidConfigError`
 * listing every problem as `field: problem`; values are never echoed.
 *
 * @example
 * checkConnectionSettings(settings, {
 *   displayName: 'Ollama',
 *   exampleBaseUrl: 'http://127.0.0.1:11434',
 *   problems: settings.truncate === undefined || typeof settings.truncate === 'boolean' ? [] : ['truncate: must be true or false'],
 * });
 */
export function checkConnectionSettings(
  settings: ConnectionSettingsToCheck,
  check: ConnectionSettingsCheck,
): void {
  const problems = [
    ...(settings.baseUrl === undefined || isHttpUrl(settings.baseUrl)
      ? []
      : [`baseUrl: must be an http(s) URL such as ${check.exampleBaseUrl}`]),
    ...(check.problems ?? []),
    ...(settings.streamIdleTimeoutMs === undefined || isPositiveNumber(settings.streamIdleTimeoutMs)
      ? []
      : ['streamIdleTimeoutMs: must be a positive number of milliseconds']),
  ];
  if (problems.length > 0) {
    throw new InvalidConfigError({
      message: `Invalid ${check.displayName} backend settings: ${problems.join('; ')}`,
      issues: problems,
    });
  }
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function isPositiveNumber(value: unknown): boolean {
  return typeof value === 'number' && value > 0;
}
