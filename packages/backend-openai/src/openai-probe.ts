import { type DialectContext, joinUrl, runProbe } from '@switchyard/backend-kit';
import type { ProbeResult } from '@switchyard/core';

/**
 * Checks an OpenAI-style cloud API without spending money: `GET /models` with the key (a free
 * call that also proves the key works). With no key configured it does not call at all and
 * answers `down`, naming where the key is expected.
 *
 * @example
 * await probeModelsEndpoint(context); // { status: 'up', latencyMs: 212 }
 */
export function probeModelsEndpoint(
  context: DialectContext,
  options: { signal?: AbortSignal; path?: string } = {},
): Promise<ProbeResult> {
  if (context.apiKey() === undefined) {
    return Promise.resolve({ status: 'down', latencyMs: 0, detail: `no API key: ${context.apiKeyHint}` });
  }
  return runProbe(async () => {
    await context.http.json(joinUrl(context.baseUrl, options.path ?? '/models'), { signal: options.signal });
    return { status: 'up' };
  });
}
