import type { BackendConformanceOptions, ConformanceSubject } from './backend-conformance-options.js';
import { createConformanceSuite } from './create-conformance-suite.js';
import { defineAbortCases } from './define-abort-cases.js';
import { defineDiscoveryCases } from './define-discovery-cases.js';
import { defineFaultCases } from './define-fault-cases.js';
import { defineStructuredOutputCases } from './define-structured-output-cases.js';
import { defineTextCases } from './define-text-cases.js';
import { defineToolCases } from './define-tool-cases.js';
import { vitestApi } from './vitest-api.js';

/**
 * Defines the shared adapter conformance suite (Hono's `runTest` pattern) as a vitest `describe`
 * block: text, stream order, tool calls, structured output, usage, abort, every error code,
 * `describe()` and `probe()`. Call it at the top level of a test file; `setup` runs in
 * `beforeAll`. A capability or fault given as `{ skip: reason }` becomes a skipped test with the
 * reason in its title. See docs/conformance.md.
 *
 * @example
 * runBackendConformance('vllm', {
 *   setup: async () => {
 *     const emulator = await startVllmEmulator();
 *     return { emulator, backend: createVllm({ baseUrl: emulator.url }), model: 'meta-llama/Llama-3.1-8B-Instruct' };
 *   },
 *   teardown: async (subject) => subject?.emulator.close(),
 *   capabilities: { tools: true, structuredOutput: true, usageInStream: true, deterministic: true },
 *   faults: { 'rate-limited': emulatorFault(({ retryAfterSeconds }) => ({ type: 'status', status: 429, retryAfter: retryAfterSeconds })), … },
 * });
 */
export function runBackendConformance<Subject extends ConformanceSubject>(
  name: string,
  options: BackendConformanceOptions<Subject>,
): void {
  const api = vitestApi();
  const title = `${name}: backend conformance`;
  if (options.skip !== undefined) {
    api.describe.skip(`${title} — skipped: ${options.skip}`, () => {
      api.it('runs once the reason above is resolved', () => undefined);
    });
    return;
  }
  api.describe(title, () => {
    let subject: Subject | undefined;
    api.beforeAll(async () => {
      subject = await options.setup();
    });
    api.afterAll(async () => {
      await options.teardown?.(subject);
    });
    const suite = createConformanceSuite(api, options, () => subject);
    defineTextCases(suite);
    defineToolCases(suite);
    defineStructuredOutputCases(suite);
    defineAbortCases(suite);
    defineFaultCases(suite);
    defineDiscoveryCases(suite);
  });
}
