import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  createRouterFromConfig,
  loadConfigFile,
  resolveBaselinePrice,
  type SwitchyardConfig,
} from '@switchyard/core';
import {
  type ConfigDiagnosis,
  type DiscoveredTarget,
  diagnoseConfig,
  discoverDefaultConfig,
  type PrimaryTargets,
  type TargetDiagnosis,
} from '@switchyard/gateway';
import { Command, InvalidArgumentError } from 'commander';
import { toJsonText } from './decision-output.js';
import { exitCodes } from './exit-codes.js';
import { defaultConfigFile, resolveConfigPath } from './resolve-config-path.js';
import type { RouteCommandContext } from './route-command.js';
import { UsageError } from './usage-error.js';

type DoctorOptions = {
  readonly config?: string;
  readonly json?: boolean;
  readonly timeout?: number;
  readonly model?: string;
};

/** Exit code when a primary target is down, lacks its model, or nothing can be served. */
const failingExitCode = 1;

/**
 * `switchyard doctor [--config FILE] [--json] [--timeout MS] [--model PATH]`: checks every
 * backend and target of the config — or of the built-in config when there is no config file,
 * found the way `serve` finds it — with free calls only: each backend's health probe, then its
 * model list (`describe()`): reachable, the model present, context window and quantization on the
 * server against the config, loaded or not, probe latency. Prints a table (or JSON with `--json`).
 * Exit 0 when every primary target is usable, 1 when one is down or lacks its model (primary: the
 * primary of each route alias; without aliases, every local target; without those, every
 * target), 2 for a bad config or command line.
 *
 * @example
 * program.addCommand(doctorCommand({ io, registry: builtinPolicies, defaultPolicyNames, setExitCode }));
 * // $ switchyard doctor --config switchyard.yaml --timeout 1000
 */
export function doctorCommand(context: RouteCommandContext): Command {
  const { io } = context;
  return new Command('doctor')
    .description('Check every backend and target of the config: reachable, models, context, quantization.')
    .option(
      '-c, --config <file>',
      'config file (default: $SWITCHYARD_CONFIG, else ./switchyard.yaml, else built in)',
    )
    .option('--json', 'print the report as JSON')
    .option(
      '--timeout <ms>',
      "time allowed for one probe, in ms (default: the config's health.timeoutMs)",
      parseTimeout,
    )
    .option('--model <path>', 'GGUF model of the embedded tier of the built-in config (as for serve)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)')
    .action(async (options: DoctorOptions) => {
      context.setExitCode(await doctor(options, context));
    });
}

async function doctor(options: DoctorOptions, context: RouteCommandContext): Promise<number> {
  const { io } = context;
  const loaded = await loadOrDiscover(options, context);
  if (loaded.failure !== undefined) {
    io.stderr.write(`switchyard: ${loaded.failure}\n`);
    return failingExitCode;
  }
  const { config, discovered } = loaded;
  checkWiring(config, context);
  const diagnosis = await diagnoseConfig(config, {
    ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout }),
  });
  const exitCode = diagnosis.ok ? exitCodes.ok : failingExitCode;
  const source = discovered === undefined ? (config.source ?? 'given') : 'built in';
  io.stdout.write(
    options.json === true
      ? toJsonText(jsonReport(diagnosis, source, exitCode, discovered))
      : formatReport(diagnosis, source, config, discovered),
  );
  return exitCode;
}

type Loaded =
  | { config: SwitchyardConfig; discovered: readonly DiscoveredTarget[] | undefined; failure?: undefined }
  | { failure: string };

/** The config file when there is one (as `serve` decides), else the built-in config. */
async function loadOrDiscover(options: DoctorOptions, context: RouteCommandContext): Promise<Loaded> {
  const env = context.io.env ?? process.env;
  const cwd = context.io.cwd ?? process.cwd();
  const hasConfigFile =
    options.config !== undefined ||
    (env.SWITCHYARD_CONFIG ?? '') !== '' ||
    existsSync(resolve(cwd, defaultConfigFile));
  if (hasConfigFile) {
    if (options.model !== undefined) {
      throw new UsageError(
        '--model applies to the built-in config only; with a config file, set modelPath on its embedded backend',
      );
    }
    const path = resolveConfigPath(options.config, { cwd, env });
    return { config: await loadConfigFile(path, { env }), discovered: undefined };
  }
  const modelPath = options.model === undefined ? undefined : resolve(cwd, options.model);
  if (modelPath !== undefined && !existsSync(modelPath)) {
    throw new UsageError(`model file not found: ${modelPath}`);
  }
  try {
    const discovery = await discoverDefaultConfig({
      env,
      baseDirectory: cwd,
      ...(modelPath === undefined ? {} : { modelPath }),
      ...(options.timeout === undefined ? {} : { probeTimeoutMs: options.timeout }),
    });
    return { config: discovery.config, discovered: discovery.targets };
  } catch (error) {
    // Nothing to serve at all (no model file, no local server, no key): the check failed.
    return { failure: error instanceof Error ? error.message : String(error) };
  }
}

/** What `serve` would refuse before any call: unknown policies or options, an unusable baseline. */
function checkWiring(config: SwitchyardConfig, context: RouteCommandContext): void {
  createRouterFromConfig(config, {
    registry: context.registry,
    defaultPolicyNames: context.defaultPolicyNames,
  });
  if (config.metering.enabled) {
    resolveBaselinePrice(config.metering.baselinePrice ?? config.metering.baselineTarget, config.targets);
  }
}

const primaryRules: Record<PrimaryTargets['rule'], string> = {
  'route-primaries': 'the primary of each route alias',
  'local-targets': 'every local target (no route aliases)',
  'all-targets': 'every target (no route aliases, no local target)',
};

function formatReport(
  diagnosis: ConfigDiagnosis,
  source: string,
  config: SwitchyardConfig,
  discovered: readonly DiscoveredTarget[] | undefined,
): string {
  const lines = [
    `switchyard doctor: config ${source}`,
    `probes: timeout ${diagnosis.timeoutMs} ms, ${config.health.retries} retries; ` +
      `primary targets: ${primaryRules[diagnosis.primary.rule]}`,
    '',
  ];
  const header = [
    'target',
    'backend',
    'kind',
    'where',
    'tier',
    'primary',
    'status',
    'probe',
    'model',
    'context',
    'quantization',
    'loaded',
  ];
  lines.push(...table([header, ...diagnosis.targets.map(targetRow)]), '');

  lines.push('backends:');
  lines.push(
    ...table(
      diagnosis.backends.map((backend) => [
        backend.id,
        backend.kind,
        backend.status,
        milliseconds(backend.latencyMs),
        backend.attempts === 1 ? '1 probe' : `${backend.attempts} probes`,
        backend.models === null ? 'models: -' : `models: ${backend.models.length}`,
        backend.detail ?? '',
      ]),
    ).map((row) => `  ${row}`),
  );

  const notAdded = discovered?.filter((found) => !found.added) ?? [];
  if (notAdded.length > 0) {
    lines.push('', 'not in the built-in config:');
    lines.push(
      ...table(notAdded.map((found) => [found.id, found.kind, found.detail])).map((row) => `  ${row}`),
    );
  }
  const problems = diagnosis.targets.flatMap((target) =>
    target.problems.map((problem) => `  ${target.id}${target.primary ? ' (primary)' : ''}: ${problem}`),
  );
  if (problems.length > 0) lines.push('', 'problems:', ...problems);
  const notes = diagnosis.targets.flatMap((target) => target.notes.map((note) => `  ${target.id}: ${note}`));
  if (notes.length > 0) lines.push('', 'notes:', ...notes);

  const primaries = diagnosis.primary.ids.length;
  lines.push(
    '',
    diagnosis.ok
      ? `ok: ${primaries === 1 ? 'the primary target is' : `all ${primaries} primary targets are`} usable`
      : `FAIL: ${diagnosis.failingPrimaries.length} of ${primaries} primary targets not usable: ` +
          diagnosis.failingPrimaries.join(', '),
    '',
  );
  return lines.join('\n');
}

function targetRow(target: TargetDiagnosis): string[] {
  const context =
    target.serverContextWindow === null || target.serverContextWindow === target.contextWindow
      ? String(target.contextWindow)
      : `${target.contextWindow} (server ${target.serverContextWindow})`;
  const quantization =
    target.quantization === null
      ? (target.serverQuantization ?? '-')
      : target.serverQuantization === null ||
          target.serverQuantization.toLowerCase() === target.quantization.toLowerCase()
        ? target.quantization
        : `${target.quantization} (server ${target.serverQuantization})`;
  return [
    target.id,
    target.backend,
    target.kind,
    target.locality,
    String(target.tier),
    target.primary ? 'yes' : 'no',
    target.status,
    target.status === 'down' ? '-' : milliseconds(target.probeLatencyMs),
    target.modelCheck,
    context,
    quantization,
    target.loaded === null ? '-' : target.loaded ? 'yes' : 'no',
  ];
}

function jsonReport(
  diagnosis: ConfigDiagnosis,
  source: string,
  exitCode: number,
  discovered: readonly DiscoveredTarget[] | undefined,
) {
  return {
    config: source,
    ok: diagnosis.ok,
    exitCode,
    timeoutMs: diagnosis.timeoutMs,
    primary: diagnosis.primary,
    failingPrimaries: diagnosis.failingPrimaries,
    targets: diagnosis.targets,
    backends: diagnosis.backends.map(({ models, ...backend }) => ({
      ...backend,
      models: models === null ? null : models.map((model) => model.id),
    })),
    ...(discovered === undefined ? {} : { discovered }),
  };
}

function milliseconds(value: number): string {
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}

function table(rows: readonly (readonly string[])[]): string[] {
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

function parseTimeout(value: string): number {
  const timeout = Number(value);
  if (value.trim() === '' || !Number.isInteger(timeout) || timeout < 1 || timeout > 600_000) {
    throw new InvalidArgumentError('expected a whole number of milliseconds from 1 to 600000, e.g. 2000');
  }
  return timeout;
}
