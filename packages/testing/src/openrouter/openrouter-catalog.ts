import type { EmulatorModel } from '../emulator/emulator.js';

const created = 1_721_260_800;

/**
 * The per-token prices of a model (decimal strings, USD per token; `'0'` when not configured).
 *
 * @example
 * Number(pricingOf(model).prompt) * inputTokens // USD
 */
export function pricingOf(model: EmulatorModel): { prompt: string; completion: string } {
  return model.pricing ?? { prompt: '0', completion: '0' };
}

/**
 * One entry of `GET /api/v1/models`: prices per token as decimal strings, context length, top
 * provider limits, supported parameters.
 *
 * @example
 * openRouterModelEntry({ id: 'openai/gpt-4o-mini', contextWindow: 128000 }, 128000)
 */
export function openRouterModelEntry(model: EmulatorModel, contextLength: number) {
  const pricing = pricingOf(model);
  return {
    id: model.id,
    canonical_slug: model.id,
    name: model.displayName ?? model.id,
    created,
    description: `${model.id} served by the Switchyard OpenRouter emulator.`,
    context_length: contextLength,
    architecture: {
      modality: 'text->text',
      input_modalities: ['text'],
      output_modalities: ['text'],
      tokenizer: 'Other',
      instruct_type: null,
    },
    pricing: {
      prompt: pricing.prompt,
      completion: pricing.completion,
      request: '0',
      image: '0',
      web_search: '0',
      internal_reasoning: '0',
    },
    top_provider: { context_length: contextLength, max_completion_tokens: 16_384, is_moderated: false },
    per_request_limits: null,
    supported_parameters: [
      'max_tokens',
      'temperature',
      'top_p',
      'stop',
      'tools',
      'tool_choice',
      'response_format',
      'structured_outputs',
      'seed',
    ],
  };
}

/**
 * `GET /api/v1/models/{author}/{slug}/endpoints`: the providers serving a model, each with its
 * quantization, context length and prices.
 *
 * @example
 * openRouterEndpoints(model, 131072)
 */
export function openRouterEndpoints(model: EmulatorModel, contextLength: number) {
  const entry = openRouterModelEntry(model, contextLength);
  return {
    data: {
      id: model.id,
      name: entry.name,
      created,
      description: entry.description,
      architecture: entry.architecture,
      endpoints: [
        {
          name: `Emulator | ${model.id}`,
          context_length: contextLength,
          pricing: entry.pricing,
          provider_name: 'Emulator',
          tag: 'emulator',
          quantization: model.quantization ?? 'unknown',
          max_completion_tokens: 16_384,
          max_prompt_tokens: null,
          supported_parameters: entry.supported_parameters,
          status: 0,
          uptime_last_30m: 100,
        },
      ],
    },
  };
}
