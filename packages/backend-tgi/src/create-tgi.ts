import {
  createOpenAICompatibleBackend,
  type OpenAICompatibleBackend,
  serverRootUrl,
} from '@switchyard/backend-kit';
import type { BackendDescription } from '@switchyard/core';
import { describeTgi, type TgiModelDescription } from './tgi-describe.js';
import { classifyTgiError } from './tgi-error.js';
import { probeTgi } from './tgi-probe.js';
import { prepareTgiBody } from './tgi-request-body.js';
import { defaultTgiBaseUrl, type TgiSettings } from './tgi-settings.js';

/** A TGI backend; `describe()` adds the router limits from `/info`. */
export type TgiBackend = OpenAICompatibleBackend<
  BackendDescription & { readonly models: readonly TgiModelDescription[] }
>;

/**
 * Creates an adapter for Hugging Face TGI's Messages API (`/v1/chat/completions`). Structured
 * output is converted to TGI's `{type: 'json', value: schema}` grammar; errors come as
 * `{error, error_type}` (422 validation, 429 overloaded, 424 generation). TGI is in maintenance
 * mode upstream. Construction does no I/O.
 *
 * @example
 * const tgi = createTgi({ baseUrl: 'http://127.0.0.1:3000' });
 * const { completion } = await tgi.doGenerate({ request, model: 'tgi' });
 */
export function createTgi(settings: TgiSettings = {}): TgiBackend {
  const root = serverRootUrl(settings.baseUrl ?? defaultTgiBaseUrl);
  return createOpenAICompatibleBackend(
    { ...settings, baseUrl: `${root}/v1` },
    {
      kind: 'tgi',
      displayName: 'TGI',
      defaultId: 'tgi',
      maxTokensField: 'max_tokens',
      developerRoleAsSystem: true,
      prepareBody: prepareTgiBody,
      classifyError: classifyTgiError,
      describe: (context, options) => describeTgi(context, root, options),
      probe: (context, options) => probeTgi(context, root, options),
    },
  );
}
