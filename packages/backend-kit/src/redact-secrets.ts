/** Shortest configured secret that is redacted verbatim; shorter values would garble messages. */
const minimumSecretLength = 4;

const keyLikePatterns: readonly [RegExp, string][] = [
  // `Authorization: Bearer <token>` and bare `Bearer <token>`.
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, '$1 [redacted]'],
  // OpenAI / OpenRouter / Anthropic style keys: sk-…, sk-proj-…, sk-or-v1-…, sk-ant-….
  [/\b(sk|pk|rk)-[A-Za-z0-9_*-]{6,}/g, '$1-[redacted]'],
  // Hugging Face tokens.
  [/\bhf_[A-Za-z0-9]{8,}/g, 'hf_[redacted]'],
  // Google API keys.
  [/\bAIza[0-9A-Za-z_-]{20,}/g, 'AIza[redacted]'],
  // `api_key: …`, `x-api-key=…`, `"access_token": "…"` in echoed headers or bodies.
  [
    /\b(api[_-]?key|x-api-key|access[_-]?token|auth[_-]?token|password|secret)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
    '$1$2[redacted]',
  ],
  // `?key=…` / `&token=…` in URLs.
  [/([?&](?:key|token|api_key|apikey|access_token)=)[^&\s"']+/gi, '$1[redacted]'],
];

/**
 * Removes anything that looks like a credential from a message before it goes into an error or a
 * log: the configured secrets verbatim, `Bearer …` tokens, `sk-…`/`hf_…` keys and `key=…` pairs.
 *
 * @example
 * redactSecrets('Incorrect API key provided: sk-proj-abc123xyz', []);
 * // → 'Incorrect API key provided: sk-[redacted]'
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = text;
  const verbatim = secrets
    .filter((secret): secret is string => typeof secret === 'string' && secret.length >= minimumSecretLength)
    .sort((left, right) => right.length - left.length);
  for (const secret of verbatim) result = result.split(secret).join('[redacted]');
  for (const [pattern, replacement] of keyLikePatterns) result = result.replace(pattern, replacement);
  return result;
}
