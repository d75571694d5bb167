import { errorMarker, SwitchyardError } from '@switchyard/core';

const marker = errorMarker('NdjsonLineError');

/**
 * Why {@link parseNdjson} stopped at a line that is not JSON:
 * - `cut`: the stream ended inside its last line, before the line break: the connection dropped
 *   mid-answer (a network failure, worth a retry before output reached the caller);
 * - `malformed`: a complete line that is not JSON: the server sent bad output.
 */
export type NdjsonLineFailure = 'cut' | 'malformed';

/**
 * A line of an NDJSON stream that could not be read. The message names the line number, never
 * its content (which may carry the user's data).
 *
 * @example
 * try { for await (const value of parseNdjson(chunks)) use(value); }
 * catch (error) { if (NdjsonLineError.isInstance(error) && error.failure === 'cut') retryLater(); }
 */
export class NdjsonLineError extends SwitchyardError {
  protected readonly [marker] = true;
  /** 1-based, counting blank lines. */
  readonly lineNumber: number;
  readonly failure: NdjsonLineFailure;

  constructor(options: { lineNumber: number; failure: NdjsonLineFailure; cause?: unknown }) {
    super({
      name: 'NdjsonLineError',
      message:
        options.failure === 'cut'
          ? `NDJSON line ${options.lineNumber} was cut off: the stream ended mid-line`
          : `NDJSON line ${options.lineNumber} is not valid JSON`,
      cause: options.cause,
    });
    this.lineNumber = options.lineNumber;
    this.failure = options.failure;
  }

  /** True for an `NdjsonLineError` from any installed copy of the kit. */
  static isInstance(error: unknown): error is NdjsonLineError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
