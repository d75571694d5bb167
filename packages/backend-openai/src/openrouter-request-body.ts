import type { RequestBodyContext } from '@switchyard/backend-kit';
import type { OpenRouterSettings } from './openrouter-settings.js';

/**
 * Adds OpenRouter's routing fields to a request: `models` (the requested model first, then the
 * configured fallbacks) and `provider` (the configured preferences over any the caller sent,
 * with `require_parameters: true` when `response_format` or `tools` are used, unless configured
 * `false`).
 *
 * @example
 * const prepare = openRouterBodyPreparer({ models: ['anthropic/claude-haiku-4.5'], provider: { data_collection: 'deny' } });
 */
export function openRouterBodyPreparer(
  settings: Pick<OpenRouterSettings, 'models' | 'provider'>,
): (body: Record<string, unknown>, context: RequestBodyContext) => Record<string, unknown> {
  return (body, context) => {
    const result = { ...body };
    const fallbacks = (settings.models ?? []).filter((model) => model !== context.model);
    if (fallbacks.length > 0) result.models = [context.model, ...fallbacks];

    const callerProvider =
      typeof body.provider === 'object' && body.provider !== null
        ? (body.provider as Record<string, unknown>)
        : {};
    const provider: Record<string, unknown> = { ...callerProvider, ...settings.provider };
    const format = context.request.response_format;
    const needsParameters =
      (format !== undefined && format.type !== 'text') || (context.request.tools?.length ?? 0) > 0;
    if (needsParameters && settings.provider?.require_parameters !== false)
      provider.require_parameters = true;
    if (Object.keys(provider).length > 0) result.provider = provider;
    else delete result.provider;
    return result;
  };
}
