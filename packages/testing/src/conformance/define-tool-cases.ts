import { schemaOutputValidator, type ToolCall } from '@switchyard/core';
import type { ConformanceSubject } from './backend-conformance-options.js';
import { conformanceRequests, conformanceTool } from './conformance-requests.js';
import type { ConformanceSuite } from './create-conformance-suite.js';
import { readStreamParts, reassembleToolCalls } from './read-stream-parts.js';
import type { VitestApi } from './vitest-api.js';

const argumentsValidator = schemaOutputValidator(
  conformanceTool.function.parameters as unknown as Record<string, unknown>,
  conformanceTool.function.name,
);

/**
 * Tool-call cases: a forced tool call comes back from `doGenerate` with finish `tool_calls` and
 * JSON arguments that match the tool's schema (checked with ajv), and the streamed fragments of
 * the same call reassemble into such a call.
 *
 * @example
 * defineToolCases(suite);
 */
export function defineToolCases<Subject extends ConformanceSubject>(suite: ConformanceSuite<Subject>): void {
  const { expect } = suite.api;
  const { tools } = suite.options.capabilities;

  suite.test(
    'doGenerate returns a forced tool call with arguments matching its schema',
    [tools],
    async () => {
      const { backend, model } = suite.subject();
      const { completion } = await backend.doGenerate({
        request: conformanceRequests.toolCall(model),
        model,
      });
      const choice = completion.choices[0];
      expect(choice?.finish_reason).toBe('tool_calls');
      const calls = choice?.message.tool_calls ?? [];
      expect(calls).toHaveLength(1);
      expectValidCall(expect, calls[0]);
    },
  );

  suite.test('doStream streams tool-call fragments that reassemble into a valid call', [tools], async () => {
    const { backend, model } = suite.subject();
    const { parts, error } = await readStreamParts(
      await backend.doStream({ request: conformanceRequests.toolCall(model), model }),
    );
    expect(error).toBeUndefined();
    const last = parts.at(-1);
    expect(last?.type).toBe('finish');
    if (last?.type === 'finish') expect(last.finishReason).toBe('tool_calls');
    const calls = reassembleToolCalls(parts);
    expect(calls).toHaveLength(1);
    expectValidCall(expect, calls[0]);
  });
}

function expectValidCall(expect: VitestApi['expect'], call: ToolCall | undefined): void {
  expect(call?.type).toBe('function');
  expect(typeof call?.id === 'string' && call.id !== '', 'the tool call has an id').toBe(true);
  expect(call?.function.name).toBe(conformanceTool.function.name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(call?.function.arguments ?? '');
  } catch (error) {
    expect.unreachable(`tool arguments are not JSON (${String(error)}): ${call?.function.arguments}`);
  }
  const check = argumentsValidator.checkValue(parsed);
  expect(check.ok ? [] : check.errors, `arguments ${call?.function.arguments}`).toEqual([]);
}
