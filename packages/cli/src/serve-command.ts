import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfigFile, type SwitchyardConfig, type WarmUpResult } from '@switchyard/core';
import {
  createGatewayFromConfig,
  createGatewayLogger,
  type DiscoveredTarget,
  discoverDefaultConfig,
  type GatewayAddress,
  type GatewayFromConfig,
  type MeteringOverride,
} from '@switchyard/gateway';
import { Command, InvalidArgumentError } from 'commander';
import type { CliIo } from './cli-io.js';
import { exitCodes } from './exit-codes.js';
import { defaultConfigFile, resolveConfigPath } from './resolve-config-path.js';
import type { RouteCommandContext } from './route-command.js';
import { UsageError } from './usage-error.js';

/** What `switchyard serve` needs besides the route command's context; every field is optional. */
export type ServeCommandContext = RouteCommandContext & {
  /** Stops the server when aborted (default: SIGINT or SIGTERM). */
  readonly shutdownSignal?: AbortSignal;
  /** Called once the gateway listens (tests read the port from it). */
  readonly onListening?: (address: GatewayAddress) => void;
};

type ServeOptions = {
  readonly config?: string;
  readonly host: string;
  readonly port: number;
  readonly model?: string;
  /** `--ledger PATH` (a string) or `--no-ledger` (false). */
  readonly ledger?: string | false;
};

/** Variable listing the client API keys the gateway accepts (comma-separated); unset: no auth. */
const clientKeysVariable = 'SWITCHYARD_CLIENT_API_KEYS';

/**
 * `switchyard serve [--config FILE] [--host H] [--port N] [--model PATH] [--ledger PATH | --no-ledger]`: runs the
 * OpenAI-compatible gateway until SIGINT/SIGTERM, then shuts down gracefully (in-flight streams
 * finish). With no config file (no `--config`, `$SWITCHYARD_CONFIG` or `./switchyard.yaml`) it
 * builds one: the embedded model (the bundled tiny GGUF, or `--model PATH`), Ollama and
 * llama-server when they answer on their default ports, and cloud targets for the API keys set.
 * Local models are warmed up before it listens (`health.warmUp`). Every request is metered: one
 * line in the JSONL ledger (`metering.ledgerPath`; `./switchyard-ledger.jsonl` for the built-in
 * config), flushed on shutdown. The startup banner (stderr) lists every target and whether it is
 * live, and the ledger; request logs are JSON lines on stdout.
 *
 * @example
 * program.addCommand(serveCommand({ io, registry: builtinPolicies, defaultPolicyNames, setExitCode }));
 * // $ switchyard serve --port 4000
 */
export function serveCommand(context: ServeCommandContext): Command {
  return new Command('serve')
    .description('Run the OpenAI-compatible gateway (POST /v1/chat/completions).')
    .option(
      '-c, --config <file>',
      'config file (default: $SWITCHYARD_CONFIG, else ./switchyard.yaml, else built in)',
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('-p, --port <port>', 'port to listen on (0: any free port)', parsePort, 4000)
    .option(
      '--model <path>',
      'GGUF model of the embedded tier of the built-in config (default: the bundled tiny model)',
    )
    .option(
      '--ledger <path>',
      "write the metering ledger (JSONL) here (default: the config's metering.ledgerPath; built in: ./switchyard-ledger.jsonl)",
    )
    .option('--no-ledger', 'write no ledger')
    .action(async (options: ServeOptions) => {
      context.setExitCode(await serve(options, context));
    });
}

async function serve(options: ServeOptions, context: ServeCommandContext): Promise<number> {
  const { io } = context;
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  const { config, discovered } = await loadOrDiscover(options, { env, cwd });
  const metering = meteringOf(options.ledger, cwd);
  const logger = createLogger(io);
  const clientApiKeys = (env[clientKeysVariable] ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  const running = await createGatewayFromConfig(config, {
    registry: context.registry,
    defaultPolicyNames: context.defaultPolicyNames,
    logger,
    clientApiKeys,
    ...(metering === undefined ? {} : { metering }),
  });
  try {
    // Models load before the first request can arrive (the gateway would start it at listen too).
    const warmUps = config.health.warmUp ? await running.gateway.warmUp() : [];
    const address = await running.gateway.listen(options.port, options.host).catch((error: unknown) => {
      throw listenError(error, options);
    });
    if (discovered === undefined) await running.gateway.monitor?.checkNow();
    io.stderr.write(
      banner({ address, config, discovered, warmUps, running, authenticated: clientApiKeys.length > 0 }),
    );
    context.onListening?.(address);
    await untilShutdown(context.shutdownSignal);
    io.stderr.write('switchyard: shutting down (in-flight requests may finish)…\n');
  } finally {
    await running.close();
  }
  io.stderr.write('switchyard: stopped\n');
  return exitCodes.ok;
}

async function loadOrDiscover(
  options: ServeOptions,
  where: { readonly env: Readonly<Record<string, string | undefined>>; readonly cwd: string },
): Promise<{ config: SwitchyardConfig; discovered: readonly DiscoveredTarget[] | undefined }> {
  const hasConfig =
    options.config !== undefined ||
    (where.env.SWITCHYARD_CONFIG ?? '') !== '' ||
    existsSync(resolve(where.cwd, defaultConfigFile));
  if (hasConfig) {
    if (options.model !== undefined) {
      throw new UsageError(
        '--model applies to the built-in config only; with a config file, set modelPath on its embedded backend',
      );
    }
    const path = resolveConfigPath(options.config, where);
    return { config: await loadConfigFile(path, { env: where.env }), discovered: undefined };
  }
  let discovery: Awaited<ReturnType<typeof discoverDefaultConfig>>;
  try {
    discovery = await discoverDefaultConfig({
      env: where.env,
      baseDirectory: where.cwd,
      ...(options.model === undefined ? {} : { modelPath: resolve(where.cwd, options.model) }),
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  return { config: discovery.config, discovered: discovery.targets };
}

/** `--ledger PATH` writes there, `--no-ledger` writes nothing; neither: as the config says. */
function meteringOf(ledger: string | false | undefined, cwd: string): false | MeteringOverride | undefined {
  if (ledger === undefined) return undefined;
  return ledger === false ? false : { ledgerPath: resolve(cwd, ledger) };
}

function banner(facts: {
  readonly address: GatewayAddress;
  readonly config: SwitchyardConfig;
  readonly discovered: readonly DiscoveredTarget[] | undefined;
  readonly warmUps: readonly WarmUpResult[];
  readonly running: GatewayFromConfig;
  readonly authenticated: boolean;
}): string {
  const { address, config, discovered, warmUps, running } = facts;
  const lines = [`switchyard: gateway listening on ${address.url}`];
  lines.push(
    discovered === undefined
      ? `config: ${config.source ?? 'given'}`
      : `config: built in (no --config, $SWITCHYARD_CONFIG or ./${defaultConfigFile})`,
  );
  lines.push('targets:');
  const rows: string[][] = [];
  if (discovered !== undefined) {
    for (const found of discovered) {
      const warm = warmUps.find((entry) => entry.target === found.id);
      const failed = warm !== undefined && (warm.status === 'failed' || warm.status === 'timeout');
      const state = !found.added ? 'not added' : found.live && !failed ? 'live' : 'down';
      const detail =
        warm?.status === 'warm'
          ? `${found.detail}; warmed up in ${Math.round(warm.durationMs)} ms`
          : failed
            ? `warm-up failed: ${warm.detail ?? warm.status}`
            : found.detail;
      rows.push([found.id, found.kind, found.locality, state, detail]);
    }
  } else {
    for (const target of config.targets) {
      const probe = running.gateway.monitor?.results().find((check) => check.backend === target.backend);
      const warm = warmUps.find((entry) => entry.target === target.id);
      const failed = warm !== undefined && (warm.status === 'failed' || warm.status === 'timeout');
      const state = failed
        ? 'down'
        : probe === undefined
          ? 'unknown'
          : probe.status === 'up'
            ? 'live'
            : probe.status;
      const warmedUp = warm?.status === 'warm' ? `warmed up in ${Math.round(warm.durationMs)} ms` : undefined;
      const detail = failed
        ? `warm-up failed: ${warm.detail ?? warm.status}`
        : [probe?.detail, warmedUp].filter((part) => part !== undefined && part !== '').join('; ');
      rows.push([target.id, target.kind, target.locality, state, detail]);
    }
  }
  lines.push(...table(rows).map((row) => `  ${row}`));
  lines.push(
    running.ledgerPath !== undefined
      ? `ledger: ${running.ledgerPath} (switchyard ledger summary --file ${running.ledgerPath})`
      : running.meter === undefined
        ? 'ledger: off'
        : 'ledger: custom sinks',
  );
  if (facts.authenticated) lines.push(`client keys: required (${clientKeysVariable})`);
  lines.push(
    'try:',
    `  curl ${address.url}/v1/chat/completions -H 'content-type: application/json' \\`,
    `    -d '{"model":"auto","messages":[{"role":"user","content":"Hello!"}]}'`,
    '',
  );
  return lines.join('\n');
}

function table(rows: readonly string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/** JSON request logs on stdout: asynchronous on the real stdout, through `io` otherwise. */
function createLogger(io: CliIo) {
  if (io.stdout === process.stdout) return createGatewayLogger();
  return createGatewayLogger({ write: (line) => void io.stdout.write(line) });
}

function untilShutdown(signal: AbortSignal | undefined): Promise<void> {
  if (signal !== undefined) {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** A port in use or an address not on this machine is a usage mistake, said plainly. */
function listenError(error: unknown, options: ServeOptions): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new UsageError(
      `port ${options.port} on ${options.host} is already in use; pick another with --port`,
    );
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new UsageError(`cannot listen on ${options.host}: not an address of this machine; see --host`);
  }
  if (code === 'EACCES') {
    return new UsageError(`not allowed to listen on port ${options.port}; use a port above 1023`);
  }
  return error;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError('must be a port number from 0 to 65535');
  }
  return port;
}
