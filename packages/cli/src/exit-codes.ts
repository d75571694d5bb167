/**
 * Exit codes of the `switchyard` command.
 *
 * @example
 * process.exitCode = exitCodes.noRoute;
 */
export const exitCodes = {
  /** A decision was made (or help was shown). */
  ok: 0,
  /** Something failed unexpectedly, e.g. a policy threw. */
  internalError: 1,
  /** Invalid config, unreadable file, bad JSON, invalid request, or a bad command line. */
  usage: 2,
  /** Nothing can serve the request; stdout holds the rejections. */
  noRoute: 3,
} as const;
