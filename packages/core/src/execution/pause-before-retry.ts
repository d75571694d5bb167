import { abortedError } from './execution-failures.js';
import type { ExecutorContext, RequestRun } from './executor-context.js';

/**
 * Waits the backoff delay before a retry with the injected `sleep`; the caller's abort during the
 * wait ends the request with `aborted`.
 *
 * @example
 * await pauseBeforeRetry(context, run, 500);
 */
export async function pauseBeforeRetry(
  context: ExecutorContext,
  run: RequestRun,
  delayMs: number,
): Promise<void> {
  if (delayMs > 0) {
    try {
      await context.options.sleep(delayMs, run.signal);
    } catch (error) {
      if (run.signal?.aborted) throw abortedError(run);
      throw error;
    }
  }
  if (run.signal?.aborted) throw abortedError(run);
}
