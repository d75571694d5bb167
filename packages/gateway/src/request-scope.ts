import type { NormalizedUsage } from '@switchyard/core';
import type { AbortReason } from './abort-reason.js';

/**
 * What the gateway knows about one request while answering it: its ids, where it went, how it
 * ended, and the controller that aborts its upstream work (client gone, deadline, shutdown). One
 * object per request, read once for the log line and the metrics.
 */
export class RequestScope {
  readonly startedAt: number;
  readonly method: string;
  readonly path: string;
  requestId: string | undefined;
  /** The requested routing key, once it is known to be a valid one (a bounded metrics label). */
  model = '';
  target: string | undefined;
  backend: string | undefined;
  fallbacks = 0;
  retries = 0;
  stream = false;
  status = 0;
  errorCode: string | undefined;
  errorMessage: string | undefined;
  ttftMs: number | undefined;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  abortReason: AbortReason | undefined;
  private controller: AbortController | undefined;
  private deadline: NodeJS.Timeout | undefined;

  constructor(method: string, path: string, startedAt: number) {
    this.method = method;
    this.path = path;
    this.startedAt = startedAt;
  }

  /** The signal passed upstream; created on first use, so cheap endpoints never make one. */
  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    return this.controller.signal;
  }

  /** Aborts the upstream work once, remembering why (the first reason wins). */
  abort(reason: AbortReason): void {
    if (this.abortReason !== undefined) return;
    this.abortReason = reason;
    this.controller?.abort(new Error(`aborted: ${reason}`));
  }

  /** Aborts with `deadline` after `milliseconds` unless {@link RequestScope.finish} runs first. */
  startDeadline(milliseconds: number): void {
    this.deadline = setTimeout(abortOnDeadline, milliseconds, this);
  }

  /** Records what an executed request reported. */
  recordExecution(report: {
    readonly target: { readonly target: string; readonly backend: string };
    readonly fallbacks: number;
    readonly retries: number;
    readonly totalUsage: NormalizedUsage;
    readonly timing: { readonly timeToFirstTokenMs?: number };
  }): void {
    this.target = report.target.target;
    this.backend = report.target.backend;
    this.fallbacks = report.fallbacks;
    this.retries = report.retries;
    this.inputTokens = report.totalUsage.inputTokens;
    this.outputTokens = report.totalUsage.outputTokens;
    this.ttftMs = report.timing.timeToFirstTokenMs;
  }

  /** Stops the deadline timer. */
  finish(): void {
    if (this.deadline !== undefined) clearTimeout(this.deadline);
    this.deadline = undefined;
  }
}

function abortOnDeadline(scope: RequestScope): void {
  scope.abort('deadline');
}
