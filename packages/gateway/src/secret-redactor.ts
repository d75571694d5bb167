import type { BackendConfig } from '@switchyard/core';

/** Shortest secret replaced verbatim; shorter values would garble ordinary words. */
const minimumSecretLength = 8;
/** Header names whose values are credentials (`Authorization`, `X-Api-Key`, `X-Auth-Token`…). */
const credentialHeaderPattern = /auth|key|token|secret|password|cookie/i;
/** Key-like tokens that are never passed on, whoever echoed them. */
const keyLikePatterns: readonly [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, '$1 [redacted]'],
  [/\b(sk|pk|rk)-[A-Za-z0-9_*-]{6,}/g, '$1-[redacted]'],
  [/\bhf_[A-Za-z0-9]{8,}/g, 'hf_[redacted]'],
];

/**
 * Builds the gateway's last line of defence for upstream credentials: a function that removes
 * every configured secret (literal `apiKey`s, the current values of the `apiKeyEnv` variables and
 * credential header values) and key-like tokens (`Bearer …`, `sk-…`, `hf_…`) from a message before it is sent
 * to a client or written to the log. Adapters already redact their messages; this catches a
 * server that echoes a key in an unexpected form. Variables are read when a message is cleaned,
 * so a rotated key is covered too.
 *
 * @example
 * const redact = createSecretRedactor(config.backends);
 * redact(`upstream said: invalid key ${process.env.OPENAI_API_KEY}`); // 'upstream said: invalid key [redacted]'
 */
export function createSecretRedactor(
  backends: readonly BackendConfig[],
  environment: Readonly<Record<string, string | undefined>> = process.env,
): (text: string) => string {
  return (text) => {
    let result = text;
    for (const secret of currentSecrets(backends, environment)) {
      if (result.includes(secret)) result = result.split(secret).join('[redacted]');
    }
    for (const [pattern, replacement] of keyLikePatterns) result = result.replace(pattern, replacement);
    return result;
  };
}

function currentSecrets(
  backends: readonly BackendConfig[],
  environment: Readonly<Record<string, string | undefined>>,
): string[] {
  const secrets: string[] = [];
  const add = (value: string | undefined) => {
    const trimmed = value?.trim();
    if (trimmed !== undefined && trimmed.length >= minimumSecretLength) secrets.push(trimmed);
  };
  for (const backend of backends) {
    add(backend.apiKey);
    if (backend.apiKeyEnv !== undefined) add(environment[backend.apiKeyEnv]);
    for (const [name, value] of Object.entries(backend.headers)) {
      if (credentialHeaderPattern.test(name)) add(value);
    }
  }
  // Longest first, so a secret that contains another is replaced whole.
  return secrets.sort((left, right) => right.length - left.length);
}
