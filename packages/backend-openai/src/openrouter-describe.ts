import { type DialectContext, isRecord, joinUrl } from '@switchyard/backend-kit';
import type {
  BackendDescription,
  ModelDescription,
  StructuredOutputMode,
  TargetPrice,
} from '@switchyard/core';

/** An OpenRouter catalog entry: capabilities plus the price, converted to USD per million tokens. */
export type OpenRouterModelDescription = ModelDescription & {
  readonly name?: string;
  readonly price?: TargetPrice;
};

/**
 * Reads OpenRouter's public catalog (`GET /models`, no key needed): context length, the top
 * provider's output cap, tool / structured-output support from `supported_parameters`, image
 * input from `architecture.input_modalities`, and prices — per-token decimal strings — as USD per
 * million tokens. Variable-price routers (`-1`) get no price.
 *
 * @example
 * const { models } = await describeOpenRouter(context);
 * models.find((model) => model.id === 'meta-llama/llama-3.1-8b-instruct')?.price;
 * // → { type: 'per-token', inputPerMillionUsd: 0.02, outputPerMillionUsd: 0.03 }
 */
export async function describeOpenRouter(
  context: DialectContext,
  options: { signal?: AbortSignal } = {},
): Promise<BackendDescription & { readonly models: readonly OpenRouterModelDescription[] }> {
  const { data } = await context.http.json<unknown>(joinUrl(context.baseUrl, '/models'), {
    signal: options.signal,
    keyOptional: true,
  });
  const entries = isRecord(data) && Array.isArray(data.data) ? data.data.filter(isRecord) : [];
  return { backend: context.id, kind: 'openrouter', models: entries.flatMap(describeEntry) };
}

function describeEntry(entry: Record<string, unknown>): OpenRouterModelDescription[] {
  if (typeof entry.id !== 'string') return [];
  const topProvider = isRecord(entry.top_provider) ? entry.top_provider : {};
  const contextWindow = positive(entry.context_length) ?? positive(topProvider.context_length);
  const maxOutputTokens = positive(topProvider.max_completion_tokens);
  const parameters = Array.isArray(entry.supported_parameters) ? entry.supported_parameters : [];
  const architecture = isRecord(entry.architecture) ? entry.architecture : {};
  const inputs = Array.isArray(architecture.input_modalities) ? architecture.input_modalities : [];
  const structuredOutput: StructuredOutputMode = parameters.includes('structured_outputs')
    ? 'native'
    : parameters.includes('response_format')
      ? 'json-mode'
      : 'none';
  const price = priceOf(entry.pricing);
  return [
    {
      id: entry.id,
      ...(typeof entry.name === 'string' ? { name: entry.name } : {}),
      ...(contextWindow === undefined ? {} : { contextWindow }),
      capabilities: {
        ...(contextWindow === undefined ? {} : { contextWindow }),
        ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
        tools: parameters.includes('tools'),
        structuredOutput,
        vision: inputs.includes('image'),
      },
      ...(price === undefined ? {} : { price }),
    },
  ];
}

function priceOf(pricing: unknown): TargetPrice | undefined {
  if (!isRecord(pricing)) return undefined;
  const input = perMillion(pricing.prompt);
  const output = perMillion(pricing.completion);
  if (input === undefined || output === undefined) return undefined;
  const cached = perMillion(pricing.input_cache_read);
  return {
    type: 'per-token',
    inputPerMillionUsd: input,
    outputPerMillionUsd: output,
    ...(cached === undefined ? {} : { cachedInputPerMillionUsd: cached }),
  };
}

/** `"0.0000025"` USD per token → 2.5 USD per million, without float noise. */
function perMillion(value: unknown): number | undefined {
  const perToken = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : Number.NaN;
  if (!Number.isFinite(perToken) || perToken < 0) return undefined;
  return Number((perToken * 1e6).toPrecision(12));
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
