import type { CallTiming } from '@switchyard/core';

/** Backend-reported timing figures to merge into the measured ones. */
export type ReportedTiming = Pick<CallTiming, 'promptMs' | 'generationMs' | 'outputTokensPerSecond'>;

/** Measures one call: wall clock to the last byte and to the first content token. */
export type CallTimer = {
  /** Records the first content token (only the first call counts). */
  markFirstToken(): void;
  /** Whether a first token was recorded. */
  readonly hasFirstToken: boolean;
  /** Stops the clock and builds the `CallTiming`, deriving tokens/s when the backend gave none. */
  finish(input?: { readonly outputTokens?: number; readonly reported?: ReportedTiming }): CallTiming;
};

/**
 * Starts timing a call. `now` defaults to `performance.now()`; pass `startedAt` to count from
 * when the request was sent.
 *
 * @example
 * const timer = startCallTimer();
 * const response = await fetch(url);
 * const timing = timer.finish({ outputTokens: 42 }); // { durationMs, outputTokensPerSecond }
 */
export function startCallTimer(options: { now?: () => number; startedAt?: number } = {}): CallTimer {
  const now = options.now ?? (() => performance.now());
  const startedAt = options.startedAt ?? now();
  let firstTokenAt: number | undefined;
  return {
    markFirstToken() {
      if (firstTokenAt === undefined) firstTokenAt = now();
    },
    get hasFirstToken() {
      return firstTokenAt !== undefined;
    },
    finish(input = {}) {
      const durationMs = round(now() - startedAt);
      const timeToFirstTokenMs = firstTokenAt === undefined ? undefined : round(firstTokenAt - startedAt);
      const reported = input.reported ?? {};
      const generationSeconds = (reported.generationMs ?? durationMs - (timeToFirstTokenMs ?? 0)) / 1000;
      const derived =
        input.outputTokens !== undefined && input.outputTokens > 0 && generationSeconds > 0
          ? round(input.outputTokens / generationSeconds)
          : undefined;
      const outputTokensPerSecond = reported.outputTokensPerSecond ?? derived;
      return {
        durationMs,
        ...(timeToFirstTokenMs === undefined ? {} : { timeToFirstTokenMs }),
        ...(reported.promptMs === undefined ? {} : { promptMs: reported.promptMs }),
        ...(reported.generationMs === undefined ? {} : { generationMs: reported.generationMs }),
        ...(outputTokensPerSecond === undefined ? {} : { outputTokensPerSecond }),
      };
    },
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
