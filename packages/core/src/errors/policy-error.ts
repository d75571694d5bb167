import { errorMarker, SwitchyardError } from './switchyard-error.js';

const marker = errorMarker('PolicyError');

/**
 * A policy threw while deciding. The cause is kept; the request is not routed.
 *
 * @example
 * if (PolicyError.isInstance(error)) console.error(error.policy, error.cause);
 */
export class PolicyError extends SwitchyardError {
  protected readonly [marker] = true;
  readonly policy: string;
  readonly requestId: string;

  constructor(options: { policy: string; requestId: string; cause: unknown }) {
    const detail = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super({
      name: 'PolicyError',
      message: `policy '${options.policy}' failed: ${detail}`,
      cause: options.cause,
    });
    this.policy = options.policy;
    this.requestId = options.requestId;
  }

  static isInstance(error: unknown): error is PolicyError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
