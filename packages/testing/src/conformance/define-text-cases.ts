import type { NormalizedUsage, StreamPart } from '@switchyard/core';
import type { ConformanceSubject } from './backend-conformance-options.js';
import { conformanceRequests } from './conformance-requests.js';
import type { ConformanceSuite } from './create-conformance-suite.js';
import { readStreamParts, streamedText } from './read-stream-parts.js';
import type { VitestApi } from './vitest-api.js';

/**
 * Text cases: a plain generate (content, `stop`, usage), a stream in the contract's order (a
 * role chunk first, content chunks, exactly one `finish` part last; the same text as generate
 * when the backend is deterministic) and usage in its normalised form on both paths.
 *
 * @example
 * defineTextCases(suite);
 */
export function defineTextCases<Subject extends ConformanceSubject>(suite: ConformanceSuite<Subject>): void {
  const { expect } = suite.api;
  const { capabilities } = suite.options;

  suite.test('doGenerate answers text with finish_reason stop and usage', [], async () => {
    const { backend, model } = suite.subject();
    const result = await backend.doGenerate({ request: conformanceRequests.text(model), model });
    const { completion } = result;
    expect(completion.object).toBe('chat.completion');
    expect(typeof completion.id).toBe('string');
    expect(completion.choices).toHaveLength(1);
    const choice = completion.choices[0];
    expect(choice?.index).toBe(0);
    expect(choice?.message.role).toBe('assistant');
    expect(typeof choice?.message.content).toBe('string');
    expect(choice?.message.content?.trim()).not.toBe('');
    if (capabilities.expectedText !== undefined)
      expect(choice?.message.content).toBe(capabilities.expectedText);
    expect(choice?.finish_reason).toBe('stop');
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(Array.isArray(result.warnings)).toBe(true);
    expect(Number.isFinite(result.timing.durationMs) && result.timing.durationMs >= 0).toBe(true);
  });

  suite.test(
    'doStream yields a role chunk first, content chunks, then exactly one finish part',
    [],
    async () => {
      const { backend, model } = suite.subject();
      const request = conformanceRequests.text(model);
      const { parts, error } = await readStreamParts(await backend.doStream({ request, model }));
      expect(error).toBeUndefined();
      const first = parts[0];
      expect(first?.type).toBe('chunk');
      if (first?.type === 'chunk') expect(first.chunk.choices[0]?.delta.role).toBe('assistant');
      expect(parts.filter((part) => part.type === 'finish')).toHaveLength(1);
      const last = parts.at(-1);
      expect(last?.type).toBe('finish');
      const chunks = parts.flatMap((part) => (part.type === 'chunk' ? [part.chunk] : []));
      for (const chunk of chunks) expect(chunk.object).toBe('chat.completion.chunk');
      expect(new Set(chunks.map((chunk) => chunk.id)).size, 'every chunk carries the same id').toBe(1);
      const contentChunks = chunks.filter((chunk) => (chunk.choices[0]?.delta.content ?? '') !== '');
      expect(contentChunks.length).toBeGreaterThan(0);
      if (last?.type === 'finish') {
        expect(last.finishReason).toBe('stop');
        expect(Number.isFinite(last.timing.durationMs) && last.timing.durationMs >= 0).toBe(true);
      }
      if (capabilities.expectedText !== undefined)
        expect(streamedText(parts)).toBe(capabilities.expectedText);
    },
  );

  suite.test('the streamed text equals the generated text', [capabilities.deterministic], async () => {
    const { backend, model } = suite.subject();
    const request = conformanceRequests.text(model);
    const generated = await backend.doGenerate({ request, model });
    const { parts, error } = await readStreamParts(await backend.doStream({ request, model }));
    expect(error).toBeUndefined();
    expect(streamedText(parts)).toBe(generated.completion.choices[0]?.message.content);
  });

  suite.test('usage is normalised: non-negative integers, parts within totals', [], async () => {
    const { backend, model } = suite.subject();
    const request = conformanceRequests.text(model);
    const generated = await backend.doGenerate({ request, model });
    expectNormalizedUsage(expect, generated.usage, 'doGenerate');
    const reported = generated.completion.usage;
    if (reported !== undefined) {
      expect(reported.prompt_tokens, 'completion.usage.prompt_tokens').toBe(generated.usage.inputTokens);
      expect(reported.completion_tokens, 'completion.usage.completion_tokens').toBe(
        generated.usage.outputTokens,
      );
    }
    const { parts, error } = await readStreamParts(await backend.doStream({ request, model }));
    expect(error).toBeUndefined();
    expectNormalizedUsage(expect, finishOf(parts).usage, 'doStream finish');
  });

  suite.test('doStream reports usage in its finish part', [capabilities.usageInStream], async () => {
    const { backend, model } = suite.subject();
    const request = conformanceRequests.text(model);
    const { parts, error } = await readStreamParts(await backend.doStream({ request, model }));
    expect(error).toBeUndefined();
    const { usage } = finishOf(parts);
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBeGreaterThan(0);
    if (capabilities.deterministic === true) {
      const generated = await backend.doGenerate({ request, model });
      expect(usage.inputTokens).toBe(generated.usage.inputTokens);
      expect(usage.outputTokens).toBe(generated.usage.outputTokens);
    }
  });
}

function finishOf(parts: readonly StreamPart[]): Extract<StreamPart, { type: 'finish' }> {
  const last = parts.at(-1);
  if (last?.type !== 'finish')
    throw new Error(`the stream did not end with a finish part (${parts.length} parts)`);
  return last;
}

/**
 * Asserts the invariants of {@link NormalizedUsage}: every count a non-negative integer, cached
 * input within input, reasoning within output, a provider cost (when present) finite and ≥ 0.
 *
 * @example
 * expectNormalizedUsage(expect, result.usage, 'doGenerate');
 */
export function expectNormalizedUsage(
  expect: VitestApi['expect'],
  usage: NormalizedUsage,
  where: string,
): void {
  for (const field of ['inputTokens', 'outputTokens', 'cachedInputTokens', 'reasoningTokens'] as const) {
    const value = usage[field];
    expect(Number.isInteger(value) && value >= 0, `${where}: usage.${field} = ${value}`).toBe(true);
  }
  expect(usage.cachedInputTokens, `${where}: cached input within input`).toBeLessThanOrEqual(
    usage.inputTokens,
  );
  expect(usage.reasoningTokens, `${where}: reasoning within output`).toBeLessThanOrEqual(usage.outputTokens);
  if (usage.providerCostUsd !== undefined) {
    expect(Number.isFinite(usage.providerCostUsd) && usage.providerCostUsd >= 0).toBe(true);
  }
}
