import type * as Vitest from 'vitest';

/** The parts of vitest the conformance suite uses. */
export type VitestApi = Pick<typeof Vitest, 'describe' | 'it' | 'expect' | 'beforeAll' | 'afterAll'>;

// `vitest` refuses to load outside a vitest worker, and `@switchyard/testing` (emulators, replay
// fetch) must stay importable from plain scripts too: load it only inside a worker.
let loaded: VitestApi | undefined;
let loadFailure: unknown;
if (process.env.VITEST_WORKER_ID !== undefined || process.env.VITEST_POOL_ID !== undefined) {
  try {
    loaded = await import('vitest');
  } catch (error) {
    loadFailure = error;
  }
}

/**
 * The running vitest's `describe`/`it`/`expect`/hooks. Throws, naming the cause, outside a vitest
 * test file.
 *
 * @example
 * const { describe, it } = vitestApi();
 */
export function vitestApi(): VitestApi {
  if (loaded === undefined) {
    throw new Error(
      'runBackendConformance() defines vitest tests: call it at the top level of a *.test.ts file run by vitest',
      { cause: loadFailure },
    );
  }
  return loaded;
}
