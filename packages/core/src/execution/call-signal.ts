/** Why a call's signal aborted: the caller, the call's total timeout, or the first-token timeout. */
export type CallAbortReason = 'caller' | 'timeout' | 'first-token-timeout';

/** The abort signal of one call, and what aborted it. */
export type CallSignal = {
  readonly signal: AbortSignal;
  /** Why the signal aborted, or `undefined` while it has not. */
  abortReason(): CallAbortReason | undefined;
  /** The first content token arrived: the first-token timer stops (the total one keeps running). */
  firstTokenArrived(): void;
  /** Clears the timers and unhooks the caller's signal. Safe to call twice. */
  dispose(): void;
};

/**
 * Builds the signal one call runs under: it aborts when the caller's signal does, when the total
 * timeout passes, or (streams) when no content token came within the first-token timeout — and
 * remembers which, so a timeout is reported as `timeout` and a caller's abort as `aborted`.
 *
 * @example
 * const call = createCallSignal({ caller: options.signal, timeoutMs: 60_000, firstTokenTimeoutMs: 15_000 });
 * try { await backend.doStream({ request, model, signal: call.signal }); } finally { call.dispose(); }
 */
export function createCallSignal(options: {
  readonly caller?: AbortSignal | undefined;
  readonly timeoutMs: number;
  readonly firstTokenTimeoutMs?: number | undefined;
}): CallSignal {
  const controller = new AbortController();
  let reason: CallAbortReason | undefined;
  const abort = (why: CallAbortReason, detail: unknown) => {
    if (reason !== undefined) return;
    reason = why;
    dispose();
    controller.abort(detail);
  };
  const onCallerAbort = () => abort('caller', options.caller?.reason);
  const totalTimer = setTimeout(
    () =>
      abort('timeout', new DOMException(`no complete answer within ${options.timeoutMs} ms`, 'TimeoutError')),
    options.timeoutMs,
  );
  let firstTokenTimer: ReturnType<typeof setTimeout> | undefined;
  const firstTokenTimeoutMs = options.firstTokenTimeoutMs;
  if (firstTokenTimeoutMs !== undefined && firstTokenTimeoutMs < options.timeoutMs) {
    firstTokenTimer = setTimeout(
      () =>
        abort(
          'first-token-timeout',
          new DOMException(`no first token within ${firstTokenTimeoutMs} ms`, 'TimeoutError'),
        ),
      firstTokenTimeoutMs,
    );
  }

  function dispose(): void {
    clearTimeout(totalTimer);
    if (firstTokenTimer !== undefined) clearTimeout(firstTokenTimer);
    options.caller?.removeEventListener('abort', onCallerAbort);
  }

  if (options.caller?.aborted) onCallerAbort();
  else options.caller?.addEventListener('abort', onCallerAbort, { once: true });

  return {
    signal: controller.signal,
    abortReason: () => reason,
    firstTokenArrived() {
      if (firstTokenTimer !== undefined) clearTimeout(firstTokenTimer);
      firstTokenTimer = undefined;
    },
    dispose,
  };
}
