/**
 * Targets: one backend × model × quantization, with its capabilities as data so policies can
 * select on them. A target is plain data; the executor looks its backend up by `backend` id.
 */

/** Where a target runs. A `local-only` request may only reach `local` targets, at every hop. */
export type Locality = 'local' | 'cloud';

/** Capability tier: 1 = local small (7–14B), 2 = local large (70B), 3 = cloud frontier. */
export type Tier = 1 | 2 | 3;

/** The kinds of backend Switchyard speaks to; each has its own adapter package. */
export type BackendKind =
  | 'ollama'
  | 'llamacpp'
  | 'vllm'
  | 'tgi'
  | 'openai'
  | 'openrouter'
  | 'anthropic'
  | 'embedded'
  | 'openai-compatible';

/**
 * How a target honours `response_format`: `native` = constrained decoding (schema enforced),
 * `json-mode` = valid JSON but the schema is not enforced, `none` = no JSON support.
 */
export type StructuredOutputMode = 'native' | 'json-mode' | 'none';

/** What a target can serve. Policies filter on these fields. */
export type TargetCapabilities = {
  /** Context window in tokens (prompt + output). */
  readonly contextWindow: number;
  /** Largest output the target produces, in tokens, when it has its own cap. */
  readonly maxOutputTokens?: number;
  /** Whether the target accepts `tools`. */
  readonly tools: boolean;
  /** Most tools in one request the target handles reliably (unset: the tool-depth policy's default). */
  readonly maxTools?: number;
  /** Deepest chain of tool-call rounds it handles reliably (unset: the tool-depth policy's default). */
  readonly maxToolChainDepth?: number;
  /** How it honours structured output. */
  readonly structuredOutput: StructuredOutputMode;
  /** Whether it accepts image inputs. */
  readonly vision: boolean;
};

/**
 * What a target costs. Cloud targets bill per token; local targets cost GPU time (hourly rate ×
 * busy time) or an amortised per-token rate — never silently zero.
 */
export type TargetPrice =
  | {
      readonly type: 'per-token';
      /** USD per 1M input tokens. */
      readonly inputPerMillionUsd: number;
      /** USD per 1M output tokens. */
      readonly outputPerMillionUsd: number;
      /** USD per 1M cached input tokens, when the provider discounts them. */
      readonly cachedInputPerMillionUsd?: number;
    }
  | {
      readonly type: 'gpu-hourly';
      /** USD per hour of the GPU (or machine) the target runs on. */
      readonly gpuHourlyUsd: number;
      /** Expected generation speed, used to estimate busy time before a call (default 30). */
      readonly expectedOutputTokensPerSecond?: number;
      /** Expected prompt processing speed (default 1000). */
      readonly expectedPromptTokensPerSecond?: number;
    };

/** One routable target. */
export type Target = {
  /** Unique id, e.g. `llamacpp-qwen2.5-14b-q4`. */
  readonly id: string;
  /** Id of the backend (server connection) that serves it. */
  readonly backend: string;
  /** The backend's kind. */
  readonly kind: BackendKind;
  /** Model name as the backend knows it. */
  readonly model: string;
  /** Quantization tier (`Q4_K_M`, `Q8_0`, `fp8`, `awq`…), or null where it does not apply. */
  readonly quantization: string | null;
  readonly tier: Tier;
  readonly locality: Locality;
  readonly capabilities: TargetCapabilities;
  /** Memory the model needs at this quantization, in GB. */
  readonly memoryGb?: number;
  readonly price?: TargetPrice;
  /** Total timeout for one call, in ms. */
  readonly timeoutMs?: number;
  /** Time allowed until the first streamed token, in ms. */
  readonly firstTokenTimeoutMs?: number;
  /** Most requests in flight at once on this target. */
  readonly maxConcurrency?: number;
  /** Free-form labels that policies and reports may use. */
  readonly tags?: readonly string[];
  /**
   * Prompt override for this target: small local models often need more explicit instructions
   * ("respond with ONLY one word"). `mode` says how `system` combines with the request's own
   * system message (default `prepend`).
   */
  readonly prompt?: { readonly system: string; readonly mode?: 'prepend' | 'append' | 'replace' };
};

/**
 * A target as a route names it: the target plus per-route overrides (the routing table can send a
 * fallback hop to a different model name with its own timeout).
 */
export type Candidate = {
  readonly target: Target;
  /** The model to ask for; `target.model` unless a route maps it. */
  readonly model: string;
  /** Per-route timeout override, in ms. */
  readonly timeoutMs?: number;
};

/**
 * Builds the candidate for a target with no overrides.
 *
 * @example
 * const candidates = targets.map(candidateOf);
 */
export function candidateOf(target: Target): Candidate {
  return { target, model: target.model };
}
