import { errorMarker, SwitchyardError } from './switchyard-error.js';

const marker = errorMarker('InvalidConfigError');

/**
 * The configuration is invalid. `issues` lists `path: problem` lines; values are never echoed,
 * so an interpolated secret cannot leak through an error message.
 *
 * @example
 * loadConfigFile('switchyard.yaml'); // throws: targets[1].capabilities.contextWindow: …
 */
export class InvalidConfigError extends SwitchyardError {
  protected readonly [marker] = true;
  readonly issues: readonly string[];
  readonly source: string | undefined;

  constructor(options: { message: string; issues: readonly string[]; source?: string; cause?: unknown }) {
    super({ name: 'InvalidConfigError', ...options });
    this.issues = options.issues;
    this.source = options.source;
  }

  static isInstance(error: unknown): error is InvalidConfigError {
    return SwitchyardError.hasMarker(error, marker);
  }
}
