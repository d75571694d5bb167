import { callJson, runProbe } from '@switchyard/backend-kit';
import type { ProbeResult } from '@switchyard/core';
import type { AnthropicConnection } from './anthropic-connection.js';

/**
 * Checks Anthropic without a billed call: `GET /v1/models?limit=1` with the key (proves the API
 * is reachable and the key valid). Without a key it is `down` with detail `no API key …` and
 * makes no request. Never throws.
 *
 * @example
 * const { status, detail } = await probeAnthropic(connection);
 */
export async function probeAnthropic(
  connection: AnthropicConnection,
  options: { signal?: AbortSignal } = {},
): Promise<ProbeResult> {
  if (connection.apiKey() === undefined) {
    return { status: 'down', latencyMs: 0, detail: `no API key: ${connection.apiKeyHint}` };
  }
  return runProbe(async () => {
    const { headers, http } = connection.prepare();
    await callJson({ url: `${connection.root}/v1/models?limit=1`, headers, signal: options.signal }, http);
    return { status: 'up' };
  });
}
