import { callJson, isRecord } from '@switchyard/backend-kit';
import type { BackendDescription, ModelDescription } from '@switchyard/core';
import type { AnthropicConnection } from './anthropic-connection.js';

/** An Anthropic model as `GET /v1/models` lists it. */
export type AnthropicModelDescription = ModelDescription & {
  readonly displayName?: string;
  /** RFC 3339 release time. */
  readonly createdAt?: string;
};

/** What `describe()` returns for Anthropic. */
export type AnthropicDescription = BackendDescription & {
  readonly models: readonly AnthropicModelDescription[];
};

/** Most pages read (1,000 models each); the list is a few dozen in practice. */
const maximumPages = 10;

/**
 * Lists the models the key can use with `GET /v1/models` (following `has_more` / `last_id`
 * pages). Needs a key: without one it fails with `unauthorized`, naming the environment
 * variable. Every current Claude model takes tools and images and supports structured output,
 * which `capabilities` says; the context window is reported only when the listing gives one
 * (`max_input_tokens`), so configure it on the target otherwise.
 *
 * @example
 * const { models } = await describeAnthropic(connection);
 * // → [{ id: 'claude-sonnet-5', displayName: 'Claude Sonnet 5', capabilities: { tools: true, vision: true, … } }]
 */
export async function describeAnthropic(
  connection: AnthropicConnection,
  options: { signal?: AbortSignal } = {},
): Promise<AnthropicDescription> {
  const { headers, http } = connection.prepare();
  const models: AnthropicModelDescription[] = [];
  let after: string | undefined;
  for (let page = 0; page < maximumPages; page += 1) {
    const query = `limit=1000${after === undefined ? '' : `&after_id=${encodeURIComponent(after)}`}`;
    const { data } = await callJson<unknown>(
      { url: `${connection.root}/v1/models?${query}`, headers, signal: options.signal },
      http,
    );
    const body = record(data);
    const entries = Array.isArray(body.data) ? body.data.map(record) : [];
    models.push(...entries.flatMap(describeModel));
    if (body.has_more !== true || typeof body.last_id !== 'string') break;
    after = body.last_id;
  }
  return { backend: connection.id, kind: 'anthropic', models };
}

function describeModel(entry: Record<string, unknown>): AnthropicModelDescription[] {
  if (typeof entry.id !== 'string' || entry.id === '') return [];
  const contextWindow = positive(entry.max_input_tokens);
  const maxOutputTokens = positive(entry.max_tokens);
  return [
    {
      id: entry.id,
      ...(contextWindow === undefined ? {} : { contextWindow }),
      quantization: null,
      capabilities: {
        ...(contextWindow === undefined ? {} : { contextWindow }),
        ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
        tools: true,
        vision: true,
        structuredOutput: 'native',
      },
      ...(typeof entry.display_name === 'string' ? { displayName: entry.display_name } : {}),
      ...(typeof entry.created_at === 'string' ? { createdAt: entry.created_at } : {}),
    },
  ];
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
