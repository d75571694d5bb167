import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { type RouteCommandContext, routeCommand } from './route-command.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * Builds the `switchyard` program: its commands, with output sent to the given streams and
 * errors thrown (as `CommanderError`) rather than exiting the process.
 *
 * @example
 * const program = createProgram({ io, registry: builtinPolicies, defaultPolicyNames, setExitCode });
 * await program.parseAsync(['route', 'request.json'], { from: 'user' });
 */
export function createProgram(context: RouteCommandContext): Command {
  const program = new Command('switchyard')
    .description('Route each LLM request to the cheapest target able to serve it, local or cloud.')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)');
  const route = routeCommand(context)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)');
  return program.addCommand(route);
}
