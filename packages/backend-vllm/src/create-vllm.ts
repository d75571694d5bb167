import {
  createOpenAICompatibleBackend,
  type OpenAICompatibleBackend,
  serverRootUrl,
} from '@switchyard/backend-kit';
import type { BackendDescription } from '@switchyard/core';
import { describeVllm, type VllmModelDescription } from './vllm-describe.js';
import { classifyVllmError } from './vllm-error.js';
import { probeVllm } from './vllm-probe.js';
import { prepareVllmBody } from './vllm-request-body.js';
import { defaultVllmBaseUrl, type VllmSettings } from './vllm-settings.js';

/** A vLLM backend; `describe()` adds each model's `root` and LoRA `parent`. */
export type VllmBackend = OpenAICompatibleBackend<
  BackendDescription & { readonly models: readonly VllmModelDescription[] }
>;

/**
 * Creates an adapter for vLLM's OpenAI-compatible server. Structured output passes through as
 * `response_format` (never the retired `guided_*` fields); streams always request usage (vLLM
 * sends none otherwise); `max_tokens` is sent because every vLLM version honours it, while
 * unknown fields are silently ignored by older ones. Construction does no I/O.
 *
 * @example
 * const vllm = createVllm({ baseUrl: 'http://gpu-box:8000', apiKeyEnv: 'VLLM_API_KEY' });
 * const { models } = await vllm.describe(); // [{ id: 'Qwen/Qwen2.5-7B-Instruct', contextWindow: 32768 }]
 */
export function createVllm(settings: VllmSettings = {}): VllmBackend {
  const root = serverRootUrl(settings.baseUrl ?? defaultVllmBaseUrl);
  return createOpenAICompatibleBackend(
    { ...settings, baseUrl: `${root}/v1` },
    {
      kind: 'vllm',
      displayName: 'vLLM',
      defaultId: 'vllm',
      maxTokensField: 'max_tokens',
      developerRoleAsSystem: true,
      prepareBody: prepareVllmBody,
      classifyError: classifyVllmError,
      describe: (context, options) => describeVllm(context, root, options),
      probe: (context, options) => probeVllm(context, root, options),
    },
  );
}
