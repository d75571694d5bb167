import {
  createRouterFromConfig,
  loadConfigFile,
  NoRouteError,
  type PolicyRegistry,
  parseChatRequest,
  type RoutingDecision,
} from '@switchyard/core';
import { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import { decisionOutput, toJsonText } from './decision-output.js';
import { exitCodes } from './exit-codes.js';
import { formatDecisionExplanation, formatNoRouteExplanation } from './format-explanation.js';
import { readRequestInput } from './read-request-input.js';
import { resolveConfigPath } from './resolve-config-path.js';

/** What `switchyard route` needs besides its arguments. */
export type RouteCommandContext = {
  readonly io: CliIo;
  readonly registry: PolicyRegistry;
  readonly defaultPolicyNames: readonly string[];
  /** Receives the command's exit code. */
  readonly setExitCode: (code: number) => void;
};

type RouteCommandOptions = { readonly config?: string; readonly explain?: boolean };

/**
 * `switchyard route [REQUEST.json | -]`: validates a chat request, routes it with the config's
 * policies and prints the decision as one JSON object (or, with `--explain`, a readable trace).
 * Exit 0 on a decision, 3 when nothing can serve the request (the rejections on stdout); config,
 * file and request errors throw, and the program turns them into exit 2.
 *
 * @example
 * program.addCommand(routeCommand({ io, registry: builtinPolicies, defaultPolicyNames, setExitCode }));
 */
export function routeCommand(context: RouteCommandContext): Command {
  return new Command('route')
    .description('Decide where a chat request goes, without calling any backend.')
    .argument('[request]', 'request JSON file (OpenAI chat-completions body); - or omitted: read stdin')
    .option('-c, --config <file>', 'config file (default: $SWITCHYARD_CONFIG, else ./switchyard.yaml)')
    .option('--explain', 'print a readable trace instead of JSON')
    .action(async (requestArgument: string | undefined, options: RouteCommandOptions) => {
      context.setExitCode(await route(requestArgument, options, context));
    });
}

async function route(
  requestArgument: string | undefined,
  options: RouteCommandOptions,
  context: RouteCommandContext,
): Promise<number> {
  const { io } = context;
  const env = io.env ?? process.env;
  const configPath = resolveConfigPath(options.config, { cwd: io.cwd ?? process.cwd(), env });
  const config = await loadConfigFile(configPath, { env });
  const router = createRouterFromConfig(config, {
    registry: context.registry,
    defaultPolicyNames: context.defaultPolicyNames,
  });
  const input = await readRequestInput(requestArgument, io);
  const request = parseChatRequest(input.value);

  let decision: RoutingDecision;
  try {
    decision = router.route(request);
  } catch (error) {
    if (!NoRouteError.isInstance(error)) throw error;
    io.stdout.write(
      options.explain === true
        ? formatNoRouteExplanation(error, request.model, router.profile(request))
        : toJsonText(error.toJSON()),
    );
    return exitCodes.noRoute;
  }
  io.stdout.write(
    options.explain === true
      ? formatDecisionExplanation(decision, request.model)
      : toJsonText(decisionOutput(decision)),
  );
  return exitCodes.ok;
}
