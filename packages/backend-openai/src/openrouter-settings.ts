import type { OpenAICompatibleSettings } from '@switchyard/backend-kit';

/** OpenRouter's API base. */
export const defaultOpenRouterBaseUrl = 'https://openrouter.ai/api/v1';

/** Quantizations OpenRouter can filter providers by. */
export type OpenRouterQuantization =
  | 'int4'
  | 'int8'
  | 'fp4'
  | 'fp6'
  | 'fp8'
  | 'fp16'
  | 'bf16'
  | 'fp32'
  | 'mxfp4'
  | 'nvfp4'
  | 'mxfp8'
  | 'unknown';

/** OpenRouter `provider` routing preferences, sent with every request. */
export type OpenRouterProviderPreferences = {
  /** Provider slugs to try in this order. */
  readonly order?: readonly string[];
  /** Let OpenRouter use other providers when the preferred ones fail (default true upstream). */
  readonly allow_fallbacks?: boolean;
  /**
   * Only use providers that support every parameter sent. Default here: `true` whenever the
   * request uses `response_format` or `tools` (so no provider silently ignores them); set `false`
   * to opt out.
   */
  readonly require_parameters?: boolean;
  /** `deny` skips providers that may store or train on prompts. */
  readonly data_collection?: 'allow' | 'deny';
  /** Zero-data-retention providers only. */
  readonly zdr?: boolean;
  readonly only?: readonly string[];
  readonly ignore?: readonly string[];
  /** Only providers serving one of these quantizations. */
  readonly quantizations?: readonly OpenRouterQuantization[];
  /** Sort providers instead of load-balancing. */
  readonly sort?: 'price' | 'throughput' | 'latency';
  /** Highest price accepted, USD per million tokens. */
  readonly max_price?: { readonly prompt?: number; readonly completion?: number; readonly request?: number };
};

/**
 * Settings of `createOpenRouter`. The key comes from `apiKey` or `OPENROUTER_API_KEY`, read at
 * each call.
 */
export type OpenRouterSettings = Omit<OpenAICompatibleSettings, 'baseUrl'> & {
  /** API base. Default `https://openrouter.ai/api/v1`. */
  readonly baseUrl?: string;
  /** Fallback models OpenRouter tries, in order, when the requested one fails (before any output). */
  readonly models?: readonly string[];
  /** Provider routing preferences (order, data policy, quantizations…). */
  readonly provider?: OpenRouterProviderPreferences;
  /** Your site URL, sent as `HTTP-Referer` for attribution. */
  readonly appUrl?: string;
  /** Your app name, sent as `X-Title` for attribution. */
  readonly appName?: string;
};
