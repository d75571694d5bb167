import type { StreamPart } from '@switchyard/core';
import type { ConformanceSubject } from './backend-conformance-options.js';
import { conformanceRequests } from './conformance-requests.js';
import type { ConformanceSuite } from './create-conformance-suite.js';
import { expectCallError } from './expect-call-error.js';
import { settleWithin } from './settle-within.js';

/** How long a hung call is left waiting before the abort, so the request surely reached the server. */
const hangBeforeAbortMs = 100;

/**
 * Abort cases: a signal aborted before the call, while waiting for the server (`hang`), and in the
 * middle of a stream (`slow-stream`) each end the call with code `aborted` within the suite's
 * deadline — never a `finish` part after the abort.
 *
 * @example
 * defineAbortCases(suite);
 */
export function defineAbortCases<Subject extends ConformanceSubject>(suite: ConformanceSuite<Subject>): void {
  const { expect } = suite.api;
  const { faults } = suite.options;
  const deadline = suite.abortDeadlineMs;

  suite.test('a call whose signal is already aborted rejects with aborted', [], async () => {
    const { backend, model, secrets } = suite.subject();
    const controller = new AbortController();
    controller.abort();
    const request = conformanceRequests.text(model);
    const calls: (() => Promise<unknown>)[] = [
      () => backend.doGenerate({ request, model, signal: controller.signal }),
      () => backend.doStream({ request, model, signal: controller.signal }),
    ];
    for (const call of calls) {
      const settled = await settleWithin(call(), deadline);
      expect(settled.status).toBe('rejected');
      if (settled.status === 'rejected') expectCallError(expect, settled.error, { code: 'aborted', secrets });
    }
  });

  suite.test(
    'aborting while the server has not answered rejects with aborted, promptly',
    [faults.hang],
    async () => {
      for (const stream of [false, true]) {
        const request = conformanceRequests.text(suite.subject().model);
        await suite.withFault('hang', { stream, request }, async (call) => {
          const controller = new AbortController();
          const options = { request: call.request, model: call.model, signal: controller.signal };
          const pending: Promise<unknown> = stream
            ? call.backend.doStream(options)
            : call.backend.doGenerate(options);
          const early = await settleWithin(pending, hangBeforeAbortMs);
          expect(
            early.status,
            `${stream ? 'doStream' : 'doGenerate'} settled although the server hangs`,
          ).toBe('pending');
          controller.abort();
          const settled = await settleWithin(pending, deadline);
          expect(settled.status, `${stream ? 'doStream' : 'doGenerate'} after abort`).toBe('rejected');
          if (settled.status === 'rejected') {
            expectCallError(expect, settled.error, { code: 'aborted', secrets: call.secrets });
          }
        });
      }
    },
  );

  suite.test(
    'aborting in the middle of a stream makes the iterator throw aborted, promptly',
    [faults['slow-stream']],
    async () => {
      const request = conformanceRequests.text(suite.subject().model);
      await suite.withFault('slow-stream', { stream: true, request }, async (call) => {
        const controller = new AbortController();
        const result = await call.backend.doStream({
          request: call.request,
          model: call.model,
          signal: controller.signal,
        });
        const iterator = result.stream[Symbol.asyncIterator]();
        try {
          for (;;) {
            const step = await iterator.next();
            if (step.done === true || step.value.type === 'finish') {
              expect.unreachable(
                'the stream ended before any content chunk: make the slow-stream fault longer',
              );
            }
            if ((step.value.chunk.choices[0]?.delta.content ?? '') !== '') break;
          }
          controller.abort();
          const startedAt = performance.now();
          let afterAbort = 0;
          for (;;) {
            const remaining = Math.max(0, deadline - (performance.now() - startedAt));
            const settled = await settleWithin<IteratorResult<StreamPart>>(iterator.next(), remaining);
            if (settled.status === 'rejected') {
              expectCallError(expect, settled.error, { code: 'aborted', secrets: call.secrets });
              break;
            }
            expect(settled.status, `no error within ${deadline} ms of the abort`).toBe('fulfilled');
            if (settled.status !== 'fulfilled') break;
            expect(settled.value.done, 'the stream ended normally after the abort').toBe(false);
            expect(settled.value.value?.type, 'a finish part arrived after the abort').toBe('chunk');
            afterAbort += 1;
            expect(afterAbort, 'chunks kept coming after the abort').toBeLessThan(64);
          }
        } finally {
          void iterator.return?.()?.catch(() => undefined);
        }
      });
    },
  );
}
