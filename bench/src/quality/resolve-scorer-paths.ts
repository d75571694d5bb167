import { isAbsolute, resolve } from 'node:path';
import type { SwitchyardConfig } from '@switchyard/core';

/**
 * The config with every `learned-scorer` policy's relative `weightsPath` resolved against
 * `baseDirectory` (the config file's folder), so a committed config can name its weights beside
 * it. Returns a new config; the input is not touched.
 *
 * @example
 * const resolved = resolveScorerPaths(config, dirname(resolve('bench/tuned.config.yaml')));
 */
export function resolveScorerPaths(config: SwitchyardConfig, baseDirectory: string): SwitchyardConfig {
  if (config.policies === undefined) return config;
  return {
    ...config,
    policies: config.policies.map((entry) => {
      const path = entry.options?.weightsPath;
      if (entry.name !== 'learned-scorer' || typeof path !== 'string' || isAbsolute(path)) return entry;
      return { ...entry, options: { ...entry.options, weightsPath: resolve(baseDirectory, path) } };
    }),
  };
}
