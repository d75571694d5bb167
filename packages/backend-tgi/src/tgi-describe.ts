import type { DialectContext } from '@switchyard/backend-kit';
import type { BackendDescription, ModelDescription } from '@switchyard/core';

/** A TGI model description with the router limits from `/info`. */
export type TgiModelDescription = ModelDescription & {
  /** Longest prompt accepted (`max_input_tokens`). */
  readonly maxInputTokens?: number;
  /** Requests the router admits at once before answering 429 (`max_concurrent_requests`). */
  readonly maxConcurrentRequests?: number;
  /** TGI version. */
  readonly version?: string;
};

/**
 * Discovers TGI's single model from `GET /info`: `model_id`, `max_total_tokens` (prompt +
 * output, the context window), `max_input_tokens` (`max_input_length` on 1.x/2.x builds),
 * `max_concurrent_requests`. Tools and structured output are grammar-based (native). TGI does not
 * report the quantization.
 *
 * @example
 * const { models } = await describeTgi(context, 'http://127.0.0.1:3000');
 */
export async function describeTgi(
  context: DialectContext,
  root: string,
  options: { signal?: AbortSignal } = {},
): Promise<BackendDescription & { readonly models: readonly TgiModelDescription[] }> {
  const { data } = await context.http.json<Record<string, unknown>>(`${root}/info`, {
    signal: options.signal,
  });
  const info = typeof data === 'object' && data !== null ? data : {};
  const contextWindow = positive(info.max_total_tokens);
  const maxInputTokens = positive(info.max_input_tokens) ?? positive(info.max_input_length);
  const maxConcurrentRequests = positive(info.max_concurrent_requests);
  const model: TgiModelDescription = {
    id: typeof info.model_id === 'string' ? info.model_id : 'tgi',
    ...(contextWindow === undefined ? {} : { contextWindow }),
    capabilities: {
      ...(contextWindow === undefined ? {} : { contextWindow }),
      tools: true,
      structuredOutput: 'native',
    },
    loaded: true,
    ...(maxInputTokens === undefined ? {} : { maxInputTokens }),
    ...(maxConcurrentRequests === undefined ? {} : { maxConcurrentRequests }),
    ...(typeof info.version === 'string' ? { version: info.version } : {}),
  };
  return { backend: context.id, kind: 'tgi', models: [model] };
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
