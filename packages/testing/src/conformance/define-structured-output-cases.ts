import { schemaOutputValidator } from '@switchyard/core';
import type { ConformanceSubject } from './backend-conformance-options.js';
import { conformanceRequests, conformanceSchema } from './conformance-requests.js';
import type { ConformanceSuite } from './create-conformance-suite.js';
import { readStreamParts, streamedText } from './read-stream-parts.js';
import type { VitestApi } from './vitest-api.js';

const validator = schemaOutputValidator(conformanceSchema as unknown as Record<string, unknown>, 'verdict');

/**
 * Structured-output cases: with `response_format: json_schema` the answer's content — generated
 * and streamed — is bare JSON (no fence, no prose) that validates against the schema with ajv.
 *
 * @example
 * defineStructuredOutputCases(suite);
 */
export function defineStructuredOutputCases<Subject extends ConformanceSubject>(
  suite: ConformanceSuite<Subject>,
): void {
  const { expect } = suite.api;
  const { structuredOutput } = suite.options.capabilities;

  suite.test(
    'doGenerate answers response_format json_schema with JSON matching the schema',
    [structuredOutput],
    async () => {
      const { backend, model } = suite.subject();
      const { completion } = await backend.doGenerate({
        request: conformanceRequests.structured(model),
        model,
      });
      expect(completion.choices[0]?.finish_reason).toBe('stop');
      expectMatchingJson(expect, completion.choices[0]?.message.content ?? '');
    },
  );

  suite.test('doStream streams JSON matching the schema', [structuredOutput], async () => {
    const { backend, model } = suite.subject();
    const { parts, error } = await readStreamParts(
      await backend.doStream({ request: conformanceRequests.structured(model), model }),
    );
    expect(error).toBeUndefined();
    expectMatchingJson(expect, streamedText(parts));
  });
}

function expectMatchingJson(expect: VitestApi['expect'], content: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    expect.unreachable(`the answer is not bare JSON (${String(error)}): ${content.slice(0, 200)}`);
  }
  const check = validator.checkValue(parsed);
  expect(check.ok ? [] : check.errors, `answer ${content}`).toEqual([]);
}
