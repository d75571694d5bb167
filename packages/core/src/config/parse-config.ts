import type { z } from 'zod';
import { formatIssues } from '../errors/format-issues.js';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { checkConfigReferences } from './check-config-references.js';
import { switchyardConfigSchema } from './config-schema.js';
import { type EnvironmentVariables, interpolateEnvironment } from './interpolate-environment.js';
import { normalizeConfig } from './normalize-config.js';
import { type ConfigFormat, parseConfigText } from './parse-config-text.js';
import type { SwitchyardConfig } from './switchyard-config.js';

/** Settings of {@link parseConfig}. */
export type ParseConfigOptions = {
  /** Variables for `${NAME}` interpolation (default `process.env`). */
  readonly env?: EnvironmentVariables;
  /** Where the config came from (a file path or a label), used in error messages. */
  readonly source?: string;
  /** Syntax of a text input (default `yaml`, which also reads JSON). */
  readonly format?: ConfigFormat;
  /** Folder that relative paths (`modelPath`, `ledgerPath`) are resolved against; default: left as written. */
  readonly baseDirectory?: string;
};

/**
 * Validates a Switchyard config — YAML/JSON text or an already-parsed object — and returns it
 * normalised (defaults applied, targets as core `Target`s, aliases as a core `RoutingTable`).
 * `${ENV_VAR}` and `${ENV_VAR:-default}` are interpolated in string values first. Throws
 * {@link InvalidConfigError} listing every problem as `path: problem`
 * (`targets[2].capabilities.contextWindow: Invalid input: expected number, received string`);
 * values are never echoed. The input object is not modified.
 *
 * @example
 * const config = parseConfig(`
 * backends:
 *   ollama: { kind: ollama }
 * targets:
 *   - { id: llama3.1-8b, backend: ollama, model: 'llama3.1:8b', capabilities: { contextWindow: 8192 } }
 * `);
 * config.targets[0].locality // 'local'
 */
export function parseConfig(input: string | object, options: ParseConfigOptions = {}): SwitchyardConfig {
  const { source } = options;
  const data =
    typeof input === 'string' ? parseConfigText(input, { format: options.format ?? 'yaml', source }) : input;
  if (data === null || data === undefined) fail(['(root): the config is empty'], source);
  if (typeof data !== 'object' || Array.isArray(data)) {
    fail(['(root): the config must be a mapping of sections (backends, targets, …)'], source);
  }

  const interpolated = interpolateEnvironment(data, options.env ?? process.env);
  if (interpolated.issues.length > 0) fail(interpolated.issues, source);

  const result = switchyardConfigSchema.safeParse(interpolated.value, { error: configIssueMessage });
  if (!result.success) fail(formatIssues(result.error.issues), source);

  const referenceIssues = checkConfigReferences(result.data);
  if (referenceIssues.length > 0) fail(referenceIssues, source);

  return normalizeConfig(result.data, { source, baseDirectory: options.baseDirectory });
}

function fail(issues: readonly string[], source: string | undefined): never {
  const label = source === undefined ? 'invalid config' : `invalid config ${source}`;
  throw new InvalidConfigError({ message: `${label}: ${issues.join('; ')}`, issues, source });
}

/** Clearer messages than zod's defaults for missing and unknown fields; none includes the value. */
function configIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `required field is missing (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_union' && typeof issue.discriminator === 'string') {
    const input = issue.input as Record<string, unknown> | undefined;
    if (input?.[issue.discriminator] === undefined) return 'required field is missing';
  }
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ');
    return issue.keys.length === 1 ? `unknown field ${keys}` : `unknown fields ${keys}`;
  }
  return undefined;
}
