import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './usage-error.js';

/** The file `switchyard` looks for when neither `--config` nor `SWITCHYARD_CONFIG` names one. */
export const defaultConfigFile = 'switchyard.yaml';

/**
 * Picks the config file: `--config`, else `$SWITCHYARD_CONFIG`, else `./switchyard.yaml` when it
 * exists. Throws {@link UsageError} saying what was looked for when there is none.
 *
 * @example
 * resolveConfigPath(undefined, { cwd: '/srv/app', env: {} }) // '/srv/app/switchyard.yaml'
 */
export function resolveConfigPath(
  option: string | undefined,
  context: { readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>> },
): string {
  if (option !== undefined) return resolve(context.cwd, option);
  const fromEnvironment = context.env.SWITCHYARD_CONFIG;
  if (fromEnvironment !== undefined && fromEnvironment !== '') return resolve(context.cwd, fromEnvironment);
  const fallback = resolve(context.cwd, defaultConfigFile);
  if (existsSync(fallback)) return fallback;
  throw new UsageError(
    `no config: pass --config FILE or set SWITCHYARD_CONFIG (./${defaultConfigFile} not found in ${context.cwd})`,
  );
}
