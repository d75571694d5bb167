import { checkConnectionSettings, isRecord } from '@switchyard/backend-kit';
import type { OllamaSettings } from './ollama-settings.js';

/** A Go duration (`30m`, `1h30m`, `-1s`) or a bare number of seconds (`-1`, `300`). */
const keepAlivePattern = /^-?(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$|^-?\d+$/;

/**
 * Checks Ollama settings at construction (no I/O), so a config typo fails at start-up instead of
 * being silently ignored on every call. Throws `InvalidConfigError` listing every problem as
 * `field: problem`; values are never echoed.
 *
 * @example
 * checkOllamaSettings({ numCtx: { 'llama3.1:8b': 16384 }, keepAlive: '30m' }); // passes
 * checkOllamaSettings({ numCtx: 0 }); // throws: numCtx: must be a positive integer
 */
export function checkOllamaSettings(settings: OllamaSettings): void {
  const problems: string[] = [];
  const { numCtx } = settings;
  if (isRecord(numCtx)) {
    for (const [model, value] of Object.entries(numCtx)) {
      if (!isPositiveInteger(value)) problems.push(`numCtx.${model}: must be a positive integer`);
    }
  } else if (numCtx !== undefined && !isPositiveInteger(numCtx)) {
    problems.push('numCtx: must be a positive integer, or an object of positive integers by model name');
  }
  const { keepAlive } = settings;
  if (
    keepAlive !== undefined &&
    !(typeof keepAlive === 'number' && Number.isFinite(keepAlive)) &&
    !(typeof keepAlive === 'string' && keepAlivePattern.test(keepAlive))
  ) {
    problems.push(
      "keepAlive: must be a duration such as '30m' or '1h', or a number of seconds (-1 = forever)",
    );
  }
  if (settings.truncate !== undefined && typeof settings.truncate !== 'boolean') {
    problems.push('truncate: must be true or false');
  }
  if (settings.options !== undefined && !isRecord(settings.options)) {
    problems.push('options: must be an object of Ollama options');
  }
  checkConnectionSettings(settings, {
    displayName: 'Ollama',
    exampleBaseUrl: 'http://127.0.0.1:11434',
    problems,
  });
}

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
