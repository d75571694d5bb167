/** Where an adapter finds its API key: a value, a function (read per call), or an env variable. */
export type ApiKeySettings = {
  /** The key, or a function returning it (called on every request, so rotation needs no restart). */
  readonly apiKey?: string | (() => string | undefined);
  /** Environment variable read at call time when `apiKey` is not given. */
  readonly apiKeyEnv?: string;
};

/**
 * Reads the API key at call time: `apiKey` (value or function) first, else the `apiKeyEnv`
 * environment variable (or `defaultEnv`). Empty strings count as missing.
 *
 * @example
 * const key = resolveApiKey({ apiKeyEnv: 'OPENAI_API_KEY' });
 * if (key === undefined) throw new Error('set OPENAI_API_KEY');
 */
export function resolveApiKey(
  settings: ApiKeySettings,
  defaultEnv?: string,
  environment: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const direct = typeof settings.apiKey === 'function' ? settings.apiKey() : settings.apiKey;
  if (typeof direct === 'string' && direct.trim() !== '') return direct.trim();
  const variable = settings.apiKeyEnv ?? defaultEnv;
  if (variable === undefined) return undefined;
  const fromEnvironment = environment[variable];
  return typeof fromEnvironment === 'string' && fromEnvironment.trim() !== ''
    ? fromEnvironment.trim()
    : undefined;
}

/**
 * Names where the key was expected, for an error message that never shows a value.
 *
 * @example
 * apiKeySourceHint({}, 'OPENAI_API_KEY'); // → 'set OPENAI_API_KEY or pass apiKey'
 */
export function apiKeySourceHint(settings: ApiKeySettings, defaultEnv?: string): string {
  const variable = settings.apiKeyEnv ?? defaultEnv;
  if (settings.apiKey !== undefined) {
    return variable === undefined
      ? 'the apiKey setting returned no key'
      : `the apiKey setting returned no key and ${variable} is not set`;
  }
  return variable === undefined ? 'pass apiKey or apiKeyEnv' : `set ${variable} or pass apiKey`;
}
