import { checkConnectionSettings } from '@switchyard/backend-kit';
import type { AnthropicSettings } from './anthropic-settings.js';

/**
 * Checks Anthropic settings at construction (no I/O, the key is not needed), so a config typo
 * fails at start-up instead of on every call. Throws `InvalidConfigError` listing every problem as
 * `field: problem`; values are never echoed.
 *
 * @example
 * checkAnthropicSettings({ defaultMaxTokens: 2048, structuredOutput: 'tool' }); // passes
 * checkAnthropicSettings({ structuredOutput: 'json' as never }); // throws: structuredOutput: must be 'output-config' or 'tool'
 */
export function checkAnthropicSettings(settings: AnthropicSettings): void {
  const problems: string[] = [];
  const maxTokens = settings.defaultMaxTokens;
  if (
    maxTokens !== undefined &&
    !(typeof maxTokens === 'number' && Number.isInteger(maxTokens) && maxTokens > 0)
  ) {
    problems.push('defaultMaxTokens: must be a positive integer');
  }
  if (
    settings.structuredOutput !== undefined &&
    !['output-config', 'tool'].includes(settings.structuredOutput)
  ) {
    problems.push("structuredOutput: must be 'output-config' or 'tool'");
  }
  if (
    settings.betas !== undefined &&
    !(
      Array.isArray(settings.betas) &&
      settings.betas.every((beta) => typeof beta === 'string' && beta.trim() !== '')
    )
  ) {
    problems.push('betas: must be a list of beta names');
  }
  if (
    settings.anthropicVersion !== undefined &&
    !(typeof settings.anthropicVersion === 'string' && settings.anthropicVersion.trim() !== '')
  ) {
    problems.push('anthropicVersion: must be a version string such as 2023-06-01');
  }
  checkConnectionSettings(settings, {
    displayName: 'Anthropic',
    exampleBaseUrl: 'https://api.anthropic.com',
    problems,
  });
}
