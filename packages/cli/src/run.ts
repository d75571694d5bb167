import { InvalidConfigError, InvalidRequestError, PolicyError, type PolicyRegistry } from '@switchyard/core';
import { builtinPolicies, defaultPolicyNames } from '@switchyard/policies';
import { CommanderError } from 'commander';
import type { CliIo } from './cli-io.js';
import { createProgram } from './create-program.js';
import { exitCodes } from './exit-codes.js';
import { UsageError } from './usage-error.js';

/** Settings of {@link run}: the policies the config's names refer to. */
export type RunOptions = {
  /** Policy factories by name (default: the built-in policies). */
  readonly registry?: PolicyRegistry;
  /** Policies used when a config lists none (default: the built-in default list). */
  readonly defaultPolicyNames?: readonly string[];
};

/**
 * Runs the `switchyard` command in-process and resolves to its exit code: 0 decision, 2 invalid
 * config, file, JSON, request or command line (message on stderr), 3 no route (rejections on
 * stdout), 1 unexpected failure. Never throws and never calls `process.exit`.
 *
 * @example
 * const code = await run(['route', '--config', 'examples/hybrid.yaml', 'request.json'], {
 *   stdin: process.stdin, stdout: process.stdout, stderr: process.stderr,
 * });
 */
export async function run(argv: readonly string[], io: CliIo, options: RunOptions = {}): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const program = createProgram({
    io,
    registry: options.registry ?? builtinPolicies,
    defaultPolicyNames: options.defaultPolicyNames ?? defaultPolicyNames,
    setExitCode: (code) => {
      exitCode = code;
    },
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  const fail = (message: string, code: number) => {
    io.stderr.write(`switchyard: ${message}\n`);
    return code;
  };
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help).
    return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  }
  if (error instanceof UsageError) return fail(error.message, exitCodes.usage);
  if (InvalidConfigError.isInstance(error)) {
    const heading = error.source === undefined ? 'invalid config' : `invalid config ${error.source}`;
    return fail(describeIssues(error.message, heading, error.issues), exitCodes.usage);
  }
  if (InvalidRequestError.isInstance(error)) {
    return fail(describeIssues(error.message, 'invalid request', error.issues), exitCodes.usage);
  }
  if (PolicyError.isInstance(error)) return fail(error.message, exitCodes.internalError);
  const message = error instanceof Error ? error.message : String(error);
  return fail(`unexpected error: ${message}`, exitCodes.internalError);
}

/** The error's own one-line message for one issue; a heading and one indented line per issue otherwise. */
function describeIssues(message: string, heading: string, issues: readonly string[]): string {
  if (issues.length <= 1) return message;
  return [`${heading}:`, ...issues.map((issue) => `  ${issue}`)].join('\n');
}
