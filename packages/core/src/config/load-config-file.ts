import { readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import type { EnvironmentVariables } from './interpolate-environment.js';
import { parseConfig } from './parse-config.js';
import type { ConfigFormat } from './parse-config-text.js';
import type { SwitchyardConfig } from './switchyard-config.js';

const formatsByExtension: Readonly<Record<string, ConfigFormat>> = {
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.json': 'json',
};

/**
 * Reads and validates a config file: YAML (`.yaml`, `.yml`) or JSON (`.json`), chosen by
 * extension. Relative paths inside it (`modelPath`, `ledgerPath`) are resolved against the file's
 * folder. Throws {@link InvalidConfigError} when the file is missing or unreadable, and for every
 * problem `parseConfig` finds.
 *
 * @example
 * const config = await loadConfigFile('examples/hybrid.yaml');
 * const router = createRouterFromConfig(config, { registry: builtinPolicies });
 */
export async function loadConfigFile(
  path: string,
  options: { readonly env?: EnvironmentVariables } = {},
): Promise<SwitchyardConfig> {
  const format = formatsByExtension[extname(path).toLowerCase()];
  if (format === undefined) {
    const issue = 'unsupported file extension; use .yaml, .yml or .json';
    throw new InvalidConfigError({ message: `config ${path}: ${issue}`, issues: [issue], source: path });
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const issue = describeReadError(error, path);
    throw new InvalidConfigError({
      message: `config ${path}: ${issue}`,
      issues: [issue],
      source: path,
      cause: error,
    });
  }
  return parseConfig(text, {
    format,
    source: path,
    baseDirectory: dirname(resolve(path)),
    ...(options.env === undefined ? {} : { env: options.env }),
  });
}

function describeReadError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT')
    return isAbsolute(path) ? 'file not found' : `file not found (looked for ${resolve(path)})`;
  if (code === 'EISDIR') return 'is a directory, not a config file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot be read (${code ?? 'unknown error'})`;
}
