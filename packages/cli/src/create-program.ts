import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { benchCommand } from './bench-command.js';
import { registerBenchLiveCommand } from './bench-live-command.js';
import { doctorCommand } from './doctor-command.js';
import { ledgerCommand } from './ledger-command.js';
import { routeCommand } from './route-command.js';
import { type ServeCommandContext, serveCommand } from './serve-command.js';

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
export function createProgram(context: ServeCommandContext): Command {
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
  const serve = serveCommand(context)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)');
  const bench = benchCommand(context);
  registerBenchLiveCommand(bench, context);
  program.addCommand(doctorCommand(context));
  return program.addCommand(route).addCommand(ledgerCommand(context)).addCommand(serve).addCommand(bench);
}
