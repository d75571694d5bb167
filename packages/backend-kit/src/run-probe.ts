import { BackendCallError, type ProbeResult } from '@switchyard/core';

/** What a probe check reports; latency is measured by {@link runProbe}. */
export type ProbeOutcome = Omit<ProbeResult, 'latencyMs'>;

/**
 * Runs a health check and times it. The check calls `stopClock()` once the health answer is in,
 * so follow-up load queries (`/slots`, `/metrics`) do not count as latency. A thrown error becomes
 * `down` with the error's code and message as `detail`: a probe never throws.
 *
 * @example
 * const result = await runProbe(async (stopClock) => {
 *   await http.json(`${root}/health`);
 *   stopClock();
 *   return { status: 'up' };
 * });
 */
export async function runProbe(
  check: (stopClock: () => void) => Promise<ProbeOutcome>,
): Promise<ProbeResult> {
  const startedAt = performance.now();
  let stoppedAt: number | undefined;
  const stopClock = () => {
    stoppedAt ??= performance.now();
  };
  const latency = () => Math.round(((stoppedAt ?? performance.now()) - startedAt) * 1000) / 1000;
  try {
    const outcome = await check(stopClock);
    return { ...outcome, latencyMs: latency() };
  } catch (error) {
    const detail = BackendCallError.isInstance(error)
      ? `${error.code}${error.status === undefined ? '' : ` (HTTP ${error.status})`}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
    return { status: 'down', latencyMs: latency(), detail };
  }
}
