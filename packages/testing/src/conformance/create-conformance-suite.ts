import type { BackendV1, ChatRequest } from '@switchyard/core';
import {
  type BackendConformanceOptions,
  type ConformanceFault,
  type ConformanceSubject,
  type FaultInjector,
  isSkip,
  type Skip,
} from './backend-conformance-options.js';
import type { VitestApi } from './vitest-api.js';

/** The `Retry-After` the `rate-limited` injectors send, in seconds. */
export const conformanceRetryAfterSeconds = 2;

/** The call a case makes once a fault is armed: the subject's parts with the arrangement applied. */
export type ArrangedCall = {
  readonly backend: BackendV1;
  readonly model: string;
  readonly request: ChatRequest;
  /** The subject's secrets plus the arrangement's. */
  readonly secrets: readonly string[];
};

/** What the case files share: vitest, the options, the live subject, and two helpers. */
export type ConformanceSuite<Subject extends ConformanceSubject> = {
  readonly api: VitestApi;
  readonly options: BackendConformanceOptions<Subject>;
  readonly abortDeadlineMs: number;
  /** The subject `setup` built (throws when setup failed). */
  subject(): Subject;
  /**
   * Defines one case; when any requirement is a skip, defines it skipped with the reason(s) in
   * the title instead.
   */
  test(title: string, requirements: readonly unknown[], body: () => Promise<void>): void;
  /**
   * Arms `fault` for one call, runs `body` with the arranged call, then runs the arrangement's
   * cleanup (also when `body` throws).
   */
  withFault<T>(
    fault: ConformanceFault,
    options: { readonly stream: boolean; readonly request: ChatRequest },
    body: (call: ArrangedCall) => Promise<T>,
  ): Promise<T>;
};

/**
 * Builds the shared suite object around a subject holder filled in `beforeAll`.
 *
 * @example
 * const suite = createConformanceSuite(api, options, () => subject);
 */
export function createConformanceSuite<Subject extends ConformanceSubject>(
  api: VitestApi,
  options: BackendConformanceOptions<Subject>,
  current: () => Subject | undefined,
): ConformanceSuite<Subject> {
  const subject = () => {
    const value = current();
    if (value === undefined)
      throw new Error('the conformance setup() did not complete; see the beforeAll error');
    return value;
  };
  return {
    api,
    options,
    abortDeadlineMs: options.abortDeadlineMs ?? 2000,
    subject,
    test(title, requirements, body) {
      const skips = requirements.filter(isSkip).map((requirement: Skip) => requirement.skip);
      if (skips.length > 0) {
        api.it.skip(`${title} — skipped: ${[...new Set(skips)].join('; ')}`, () => undefined);
        return;
      }
      api.it(title, body);
    },
    async withFault(fault, call, body) {
      const injector = options.faults[fault];
      if (isSkip(injector)) throw new Error(`fault '${fault}' is skipped: ${injector.skip}`);
      const live = subject();
      const arrangement =
        (await (injector as FaultInjector<Subject>)(live, {
          stream: call.stream,
          retryAfterSeconds: conformanceRetryAfterSeconds,
          request: call.request,
        })) ?? {};
      try {
        return await body({
          backend: arrangement.backend ?? live.backend,
          model: arrangement.model ?? live.model,
          request: arrangement.request ?? call.request,
          secrets: [...(live.secrets ?? []), ...(arrangement.secrets ?? [])],
        });
      } finally {
        await arrangement.cleanup?.();
      }
    },
  };
}
