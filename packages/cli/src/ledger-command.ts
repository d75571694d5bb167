import { resolve } from 'node:path';
import {
  formatLedgerSummary,
  type LedgerFile,
  loadConfigFile,
  readLedgerFile,
  summarizeLedger,
} from '@switchyard/core';
import { Command, InvalidArgumentError } from 'commander';
import type { CliIo } from './cli-io.js';
import { toJsonText } from './decision-output.js';
import { exitCodes } from './exit-codes.js';
import { resolveConfigPath } from './resolve-config-path.js';
import { UsageError } from './usage-error.js';

/** What `switchyard ledger` needs besides its arguments. */
export type LedgerCommandContext = {
  readonly io: CliIo;
  /** Receives the command's exit code. */
  readonly setExitCode: (code: number) => void;
};

type SummaryOptions = {
  readonly file?: string;
  readonly config?: string;
  readonly json?: boolean;
  readonly alertRate?: number;
  readonly failOnAlert?: boolean;
};

/** Exit code of `ledger summary --fail-on-alert` when an alert fired. */
const alertExitCode = 1;

/**
 * `switchyard ledger summary`: reads a JSONL ledger and prints the summary (requests, local
 * share, fallback rate, latency and TTFT per target, spend, savings) as a table, or JSON with
 * `--json`. The file is `--file`, else the config's `metering.ledgerPath`. Exit 0 (an alert is an
 * `ALERT:` line), or 1 with `--fail-on-alert` when one fired; a missing or unreadable file is a
 * usage error (exit 2).
 *
 * @example
 * program.addCommand(ledgerCommand({ io, setExitCode }));
 * // switchyard ledger summary --file switchyard-ledger.jsonl --alert-rate 0.2 --fail-on-alert
 */
export function ledgerCommand(context: LedgerCommandContext): Command {
  const { io } = context;
  const ledger = new Command('ledger')
    .description('Read the metering ledger.')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)');
  ledger
    .command('summary')
    .description('Summarise the ledger: local share, fallback rate, latency per target, spend and savings.')
    .option('-f, --file <path>', "ledger file (default: the config's metering.ledgerPath)")
    .option(
      '-c, --config <file>',
      'config file for the ledger path and alert rate (default: $SWITCHYARD_CONFIG, else ./switchyard.yaml)',
    )
    .option('--json', 'print the summary as JSON')
    .option(
      '--alert-rate <fraction>',
      'fallback rate above which to alert (default: metering.fallbackAlertRate, else 0.15)',
      parseAlertRate,
    )
    .option('--fail-on-alert', 'exit 1 when an alert fires')
    .action(async (options: SummaryOptions) => {
      context.setExitCode(await summary(options, io));
    });
  return ledger;
}

async function summary(options: SummaryOptions, io: CliIo): Promise<number> {
  const source = await ledgerSource(options, io);
  let ledger: LedgerFile;
  try {
    ledger = await readLedgerFile(source.file);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  if (ledger.malformed > 0) {
    const shown = ledger.malformedLines.join(', ');
    const more = ledger.malformed > ledger.malformedLines.length ? ', …' : '';
    io.stderr.write(
      `switchyard: skipped ${ledger.malformed} malformed line${ledger.malformed === 1 ? '' : 's'} of ` +
        `${ledger.lines} in ${source.file} (line ${shown}${more})\n`,
    );
  }
  const result = summarizeLedger(ledger.records, {
    ...(source.alertRate === undefined ? {} : { fallbackAlertRate: source.alertRate }),
  });
  io.stdout.write(
    options.json === true
      ? toJsonText({ file: source.file, lines: ledger.lines, malformed: ledger.malformed, ...result })
      : formatLedgerSummary(result),
  );
  return options.failOnAlert === true && result.alerts.length > 0 ? alertExitCode : exitCodes.ok;
}

/**
 * The ledger file and alert rate: `--file` and `--alert-rate` first; the config file (its
 * `metering.ledgerPath` and `metering.fallbackAlertRate`) is read only when `--file` is missing or
 * `--config` is given.
 */
async function ledgerSource(
  options: SummaryOptions,
  io: CliIo,
): Promise<{ file: string; alertRate: number | undefined }> {
  const cwd = io.cwd ?? process.cwd();
  const env = io.env ?? process.env;
  const file = options.file === undefined ? undefined : resolve(cwd, options.file);
  if (file !== undefined && options.config === undefined) return { file, alertRate: options.alertRate };
  let configPath: string;
  try {
    configPath = resolveConfigPath(options.config, { cwd, env });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(
      `no ledger file: pass --file PATH, or a config whose metering.ledgerPath names it (${error.message})`,
    );
  }
  const config = await loadConfigFile(configPath, { env });
  return {
    file: file ?? config.metering.ledgerPath,
    alertRate: options.alertRate ?? config.metering.fallbackAlertRate,
  };
}

function parseAlertRate(value: string): number {
  const rate = Number(value);
  if (value.trim() === '' || !(rate > 0 && rate <= 1)) {
    throw new InvalidArgumentError('expected a fraction in (0, 1], e.g. 0.15 for 15 %');
  }
  return rate;
}
