import type { PolicyTraceEntry } from '../spec/routing-decision.js';
import { errorMarker, SwitchyardError } from './switchyard-error.js';

const marker = errorMarker('NoRouteError');

/** Why one policy turned candidates away. */
export type PolicyRejection = {
  readonly policy: string;
  readonly reason: string;
  readonly dropped: readonly { readonly target: string; readonly reason: string }[];
};

/**
 * No target can serve the request. `rejections` lists, for each policy that removed candidates,
 * its reason and which targets it dropped — so "why no route?" needs no log digging.
 *
 * @example
 * catch (error) {
 *   if (NoRouteError.isInstance(error)) for (const r of error.rejections) console.log(r.policy, r.reason);
 * }
 */
export class NoRouteError extends SwitchyardError {
  protected readonly [marker] = true;
  readonly requestId: string;
  readonly rejections: readonly PolicyRejection[];
  readonly trace: readonly PolicyTraceEntry[];

  constructor(options: { requestId: string; trace: readonly PolicyTraceEntry[] }) {
    const rejections = options.trace
      .filter((entry) => entry.outcome === 'rejected' || entry.dropped.length > 0)
      .map((entry) => ({ policy: entry.policy, reason: entry.reason, dropped: entry.dropped }));
    const summary = rejections.map((rejection) => `${rejection.policy}: ${rejection.reason}`).join('; ');
    super({ name: 'NoRouteError', message: `no target can serve this request (${summary || 'no targets'})` });
    this.requestId = options.requestId;
    this.rejections = rejections;
    this.trace = options.trace;
  }

  /** A JSON-friendly form (what the CLI prints and the gateway returns). */
  toJSON(): {
    error: 'no-route';
    message: string;
    requestId: string;
    rejections: readonly PolicyRejection[];
  } {
    return {
      error: 'no-route',
      message: this.message,
      requestId: this.requestId,
      rejections: this.rejections,
    };
  }

  static isInstance(error: unknown): error is NoRouteError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
