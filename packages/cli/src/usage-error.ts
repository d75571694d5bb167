/**
 * A mistake in how the command was called or in what it was given (missing config, unreadable
 * request file, bad JSON). The CLI prints the message on stderr and exits with code 2.
 *
 * @example
 * throw new UsageError('no config: pass --config FILE (./switchyard.yaml not found)');
 */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}
