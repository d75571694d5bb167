import { errorMarker, SwitchyardError } from './switchyard-error.js';

const marker = errorMarker('InvalidRequestError');

/**
 * The request is malformed. `issues` holds one `path: problem` line per bad field; `param` is the
 * first bad field's path (OpenAI's error shape has a `param`).
 *
 * @example
 * parseChatRequest({ model: 'auto', messages: 'hi' }); // throws: messages: Invalid input…
 */
export class InvalidRequestError extends SwitchyardError {
  protected readonly [marker] = true;
  readonly issues: readonly string[];
  readonly param: string | null;

  constructor(options: { message: string; issues: readonly string[]; cause?: unknown }) {
    super({ name: 'InvalidRequestError', ...options });
    this.issues = options.issues;
    const first = options.issues[0];
    this.param = first === undefined ? null : (first.split(':')[0] ?? null);
  }

  static isInstance(error: unknown): error is InvalidRequestError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
