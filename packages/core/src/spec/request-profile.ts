import type { Tier } from './target.js';

/** Structured-output need of a request. */
export type StructuredOutputNeed =
  | { readonly mode: 'none' }
  | { readonly mode: 'json_object' }
  | {
      readonly mode: 'json_schema';
      /** Rough size of the schema: number of nodes (properties, items, keywords with schemas). */
      readonly schemaSize: number;
      /** Whether the caller asked for `strict: true`. */
      readonly strict: boolean;
    };

/** Coarse task category from the keyword classifier. */
export type TaskCategory =
  | 'summarize'
  | 'translate'
  | 'format'
  | 'classify'
  | 'extract'
  | 'rewrite'
  | 'chat'
  | 'code'
  | 'math'
  | 'analyze'
  | 'prove'
  | 'architecture'
  | 'long-document'
  | 'unknown';

/** How demanding the classifier thinks the task is. */
export type TaskComplexity = 'simple' | 'complex' | 'unknown';

/**
 * What a request needs, computed once per request by the profiler and read by every policy.
 * All counts are estimates unless an exact token counter is plugged in.
 */
export type RequestProfile = {
  /** Estimated prompt tokens (messages + tool definitions + per-message overhead). */
  readonly promptTokens: number;
  /** Output tokens the request allows (`max_completion_tokens` / `max_tokens`), if set. */
  readonly maxOutputTokens: number | undefined;
  /** Output tokens expected for this request (the cap when set, else a per-category estimate). */
  readonly expectedOutputTokens: number;
  /** Number of tools offered. */
  readonly toolCount: number;
  /** Estimated tokens of the tool definitions. */
  readonly toolSchemaTokens: number;
  /** Assistant tool-call rounds already in the conversation. */
  readonly toolChainDepth: number;
  readonly structuredOutput: StructuredOutputNeed;
  readonly privacy: 'local-only' | 'any';
  /** Number of image parts in the conversation. */
  readonly imageCount: number;
  /** Tier asked for by the `switchyard.tier` hint, if any. */
  readonly requestedTier: Tier | undefined;
  /** Tier asked for by a tag in the prompt (`[tier2]`, `[cloud]`, `[tier3]`, `[heavy]`), if any. */
  readonly tierTag: Tier | undefined;
  readonly taskCategory: TaskCategory;
  readonly complexity: TaskComplexity;
  /** Number of messages and of user turns. */
  readonly messageCount: number;
  readonly userTurns: number;
  readonly stream: boolean;
  readonly maxCostUsd: number | undefined;
  readonly latencyBudgetMs: number | undefined;
  readonly tags: readonly string[];
};
