import type { ConformanceSubject } from './backend-conformance-options.js';
import { isSkip } from './backend-conformance-options.js';
import type { ConformanceSuite } from './create-conformance-suite.js';
import { findSecretLeaks } from './find-secret-leaks.js';

/**
 * Discovery cases: `describe()` names the backend and lists the model (with its context window
 * when the server tells it); `probe()` answers `up` for a live server and `down` — without
 * throwing and without secrets in its detail — once the server is gone.
 *
 * @example
 * defineDiscoveryCases(suite);
 */
export function defineDiscoveryCases<Subject extends ConformanceSubject>(
  suite: ConformanceSuite<Subject>,
): void {
  const { expect } = suite.api;
  const { capabilities, faults } = suite.options;

  suite.test('describe() names the backend and lists the model', [], async () => {
    const { backend, model } = suite.subject();
    const description = await backend.describe();
    expect(description.backend).toBe(backend.id);
    expect(description.kind).toBe(backend.kind);
    expect(description.models.length).toBeGreaterThan(0);
    for (const entry of description.models)
      expect(typeof entry.id === 'string' && entry.id !== '').toBe(true);
    const listed =
      description.models.find((entry) => entry.id === model) ??
      (description.models.length === 1 ? description.models[0] : undefined);
    expect(
      listed,
      `model '${model}' in ${description.models.map((entry) => entry.id).join(', ')}`,
    ).toBeDefined();
  });

  suite.test(
    'describe() reports the context window the server uses',
    [capabilities.contextWindow ?? { skip: 'no context window set in the conformance capabilities' }],
    async () => {
      const { backend, model } = suite.subject();
      const { models } = await backend.describe();
      const listed =
        models.find((entry) => entry.id === model) ?? (models.length === 1 ? models[0] : undefined);
      expect(listed?.contextWindow).toBe(
        isSkip(capabilities.contextWindow) ? undefined : capabilities.contextWindow,
      );
    },
  );

  suite.test('probe() answers up for a live server', [], async () => {
    const { backend } = suite.subject();
    const result = await backend.probe();
    expect(result.status, result.detail).toBe('up');
    expect(Number.isFinite(result.latencyMs) && result.latencyMs >= 0).toBe(true);
  });

  suite.test(
    'probe() answers down, without throwing, once the server is gone',
    [faults['server-gone']],
    async () => {
      await suite.withFault(
        'server-gone',
        { stream: false, request: { model: '', messages: [] } },
        async (call) => {
          const result = await call.backend.probe();
          expect(result.status).toBe('down');
          expect(typeof result.detail === 'string' && result.detail !== '', 'a down probe says why').toBe(
            true,
          );
          expect(Number.isFinite(result.latencyMs) && result.latencyMs >= 0).toBe(true);
          expect(findSecretLeaks(new Error(result.detail), call.secrets)).toEqual([]);
        },
      );
    },
  );
}
