import type { ChatRequest } from '../request/chat-request-schema.js';
import type { RequestProfile } from '../spec/request-profile.js';

/** Counts the tokens of a piece of text exactly (e.g. a cl100k tokenizer). */
export type TokenCounter = (text: string) => number;

/** Settings of {@link profileRequest}. */
export type ProfilerOptions = {
  /** Exact counter; default: the fast character-class estimator. */
  readonly tokenCounter?: TokenCounter;
};

/** STUB — replaced by the profiler implementation. */
export function profileRequest(request: ChatRequest, _options?: ProfilerOptions): RequestProfile {
  return {
    promptTokens: 0,
    maxOutputTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
    expectedOutputTokens: 256,
    toolCount: request.tools?.length ?? 0,
    toolSchemaTokens: 0,
    toolChainDepth: 0,
    structuredOutput: { mode: 'none' },
    privacy: request.switchyard?.privacy ?? 'any',
    imageCount: 0,
    requestedTier: undefined,
    tierTag: undefined,
    taskCategory: 'unknown',
    complexity: 'unknown',
    messageCount: request.messages.length,
    userTurns: 0,
    stream: request.stream === true,
    maxCostUsd: request.switchyard?.maxCostUsd,
    latencyBudgetMs: request.switchyard?.latencyBudgetMs,
    tags: request.switchyard?.tags ?? [],
  };
}
