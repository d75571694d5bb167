import type { StreamPart } from '@switchyard/core';
import type { ConformanceFault, ConformanceSubject } from './backend-conformance-options.js';
import { conformanceRequests } from './conformance-requests.js';
import {
  type ArrangedCall,
  type ConformanceSuite,
  conformanceRetryAfterSeconds,
} from './create-conformance-suite.js';
import { expectNormalizedUsage } from './define-text-cases.js';
import { type CallErrorExpectation, expectCallError } from './expect-call-error.js';
import { readStreamParts } from './read-stream-parts.js';

/** A failure the server reports before any output: both `doGenerate` and `doStream` must classify it. */
type EarlyFailure = {
  readonly fault: ConformanceFault;
  readonly title: string;
  readonly expected: CallErrorExpectation;
};

const earlyFailures: readonly EarlyFailure[] = [
  {
    fault: 'rate-limited',
    title: 'a 429 with Retry-After is rate-limited, retryable, with retryAfterMs',
    expected: {
      code: 'rate-limited',
      isRetryable: true,
      status: 429,
      retryAfterMs: conformanceRetryAfterSeconds * 1000,
    },
  },
  {
    fault: 'overloaded',
    title: "the backend's busy answer is overloaded and retryable",
    expected: { code: 'overloaded', isRetryable: true },
  },
  {
    fault: 'unavailable',
    title: "the backend's not-ready answer is unavailable",
    expected: { code: 'unavailable' },
  },
  {
    fault: 'unauthorized',
    title: 'a wrong key is unauthorized, not retryable, and the key appears nowhere in the error',
    expected: { code: 'unauthorized', isRetryable: false },
  },
  {
    fault: 'context-length-exceeded',
    title: 'a prompt over the context window is context-length-exceeded, not retryable',
    expected: { code: 'context-length-exceeded', isRetryable: false },
  },
  {
    fault: 'model-not-found',
    title: 'an unknown model is model-not-found, not retryable',
    expected: { code: 'model-not-found', isRetryable: false },
  },
  {
    fault: 'connection-refused',
    title: 'a refused connection is network, phase connect, retryable',
    expected: { code: 'network', phase: 'connect', isRetryable: true },
  },
  {
    fault: 'connection-reset',
    title: 'a connection reset before the answer is network, retryable',
    expected: { code: 'network', isRetryable: true },
  },
];

/**
 * Error cases: every failure the backend can produce, injected the backend's own way, comes out
 * as a `BackendCallError` with the right code, phase and retry verdict and without any secret;
 * streams that are cut, carry an error event or a malformed frame throw from the iterator (phase
 * `stream`) and never yield a `finish`; impossible usage is still normalised.
 *
 * @example
 * defineFaultCases(suite);
 */
export function defineFaultCases<Subject extends ConformanceSubject>(suite: ConformanceSuite<Subject>): void {
  const { expect } = suite.api;
  const { faults } = suite.options;
  const textRequest = () => conformanceRequests.text(suite.subject().model);
  const callOf = (call: ArrangedCall) => ({ request: call.request, model: call.model });

  for (const failure of earlyFailures) {
    suite.test(`errors: ${failure.title}`, [faults[failure.fault]], async () => {
      const backendId = suite.subject().backend.id;
      await suite.withFault(failure.fault, { stream: false, request: textRequest() }, async (call) => {
        const error = await call.backend.doGenerate(callOf(call)).then(
          (result) =>
            expect.unreachable(`doGenerate succeeded: ${JSON.stringify(result.completion).slice(0, 200)}`),
          (caught: unknown) => caught,
        );
        expectCallError(expect, error, {
          phase: ['connect', 'headers'],
          backend: call.backend === suite.subject().backend ? backendId : undefined,
          ...failure.expected,
          secrets: call.secrets,
        });
      });
      await suite.withFault(failure.fault, { stream: true, request: textRequest() }, async (call) => {
        const opened = await call.backend.doStream(callOf(call)).then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        );
        if ('error' in opened) {
          expectCallError(expect, opened.error, {
            phase: ['connect', 'headers'],
            ...failure.expected,
            secrets: call.secrets,
          });
          return;
        }
        // Some servers report this failure inside a 200 stream (llama.cpp's KV-cache overflow).
        const { parts, error } = await readStreamParts(opened.result);
        expect(
          parts.some((part) => part.type === 'finish'),
          'the failed stream yielded a finish',
        ).toBe(false);
        expectCallError(expect, error, { ...failure.expected, phase: 'stream', secrets: call.secrets });
      });
    });
  }

  suite.test(
    'errors: a stream cut after some content throws network (phase stream) and never finishes',
    [faults['stream-cut']],
    async () => {
      await suite.withFault('stream-cut', { stream: true, request: textRequest() }, async (call) => {
        const { parts, error } = await readStreamParts(await call.backend.doStream(callOf(call)));
        expect(contentChunks(parts), 'content before the cut').toBeGreaterThan(0);
        expect(
          parts.some((part) => part.type === 'finish'),
          'a cut stream yielded a finish',
        ).toBe(false);
        expectCallError(expect, error, { code: 'network', phase: 'stream', secrets: call.secrets });
      });
    },
  );

  suite.test(
    'errors: an error event inside a 200 stream throws (phase stream) and never finishes',
    [faults['stream-error']],
    async () => {
      await suite.withFault('stream-error', { stream: true, request: textRequest() }, async (call) => {
        const { parts, error } = await readStreamParts(await call.backend.doStream(callOf(call)));
        expect(
          parts.some((part) => part.type === 'finish'),
          'the failed stream yielded a finish',
        ).toBe(false);
        expectCallError(expect, error, { phase: 'stream', secrets: call.secrets });
      });
    },
  );

  suite.test(
    'errors: a malformed body is invalid-output, and a malformed stream frame throws',
    [faults['malformed-response']],
    async () => {
      await suite.withFault('malformed-response', { stream: false, request: textRequest() }, async (call) => {
        const error = await call.backend.doGenerate(callOf(call)).then(
          () => expect.unreachable('doGenerate accepted a malformed body'),
          (caught: unknown) => caught,
        );
        expectCallError(expect, error, { code: 'invalid-output', secrets: call.secrets });
      });
      await suite.withFault('malformed-response', { stream: true, request: textRequest() }, async (call) => {
        const { parts, error } = await readStreamParts(await call.backend.doStream(callOf(call)));
        expect(
          parts.some((part) => part.type === 'finish'),
          'a malformed stream yielded a finish',
        ).toBe(false);
        expectCallError(expect, error, { code: 'invalid-output', phase: 'stream', secrets: call.secrets });
      });
    },
  );

  suite.test(
    'usage: impossible usage from the server is still normalised',
    [faults['wrong-usage']],
    async () => {
      await suite.withFault('wrong-usage', { stream: false, request: textRequest() }, async (call) => {
        const result = await call.backend.doGenerate(callOf(call));
        expectNormalizedUsage(expect, result.usage, 'doGenerate with wrong usage');
      });
      await suite.withFault('wrong-usage', { stream: true, request: textRequest() }, async (call) => {
        const { parts, error } = await readStreamParts(await call.backend.doStream(callOf(call)));
        expect(error).toBeUndefined();
        const last = parts.at(-1);
        expect(last?.type).toBe('finish');
        if (last?.type === 'finish') expectNormalizedUsage(expect, last.usage, 'doStream with wrong usage');
      });
    },
  );
}

function contentChunks(parts: readonly StreamPart[]): number {
  return parts.filter((part) => part.type === 'chunk' && (part.chunk.choices[0]?.delta.content ?? '') !== '')
    .length;
}
