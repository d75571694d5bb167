import type { RequestProfile } from '@switchyard/core';

/**
 * A request profile for tests: a short, simple chat request with no tools, no schema, no images,
 * any privacy, unless overridden. Tests build profiles by hand so they do not depend on the
 * profiler's estimates.
 *
 * @example
 * const profile = testProfile({ promptTokens: 30_000, privacy: 'local-only' });
 */
export function testProfile(overrides: Partial<RequestProfile> = {}): RequestProfile {
  return {
    promptTokens: 500,
    maxOutputTokens: undefined,
    expectedOutputTokens: 300,
    toolCount: 0,
    toolSchemaTokens: 0,
    toolChainDepth: 0,
    structuredOutput: { mode: 'none' },
    privacy: 'any',
    imageCount: 0,
    requestedTier: undefined,
    tierTag: undefined,
    taskCategory: 'chat',
    complexity: 'simple',
    messageCount: 1,
    userTurns: 1,
    stream: false,
    maxCostUsd: undefined,
    latencyBudgetMs: undefined,
    tags: [],
    ...overrides,
  };
}
