import { bearerToken } from '../emulator/bearer-token.js';
import type { Emulator, EmulatorModel, EmulatorOptions } from '../emulator/emulator.js';
import { estimateTokens } from '../emulator/estimate-tokens.js';
import type { Exchange } from '../emulator/exchange.js';
import { resolveModels } from '../emulator/resolve-models.js';
import { retryAfterHeaders } from '../emulator/retry-after-headers.js';
import { type EmulatorStats, startEmulatorServer } from '../emulator/start-emulator-server.js';
import { isSchemaObject } from '../json-schema/resolve-schema.js';
import { handleOpenAIChat, type OpenAIDialect } from '../openai-style/handle-openai-chat.js';
import { openAIUsage } from '../openai-style/openai-usage.js';
import { openRouterEndpoints, openRouterModelEntry, pricingOf } from './openrouter-catalog.js';
import { openRouterError } from './openrouter-error.js';

const chatPath = '/api/v1/chat/completions';
const provider = 'Emulator';

/** Models the OpenRouter emulator serves by default, with per-token prices. */
export const defaultOpenRouterModels: readonly EmulatorModel[] = [
  {
    id: 'meta-llama/llama-3.1-8b-instruct',
    contextWindow: 131_072,
    quantization: 'fp8',
    pricing: { prompt: '0.00000002', completion: '0.00000003' },
  },
  {
    id: 'openai/gpt-4o-mini',
    contextWindow: 128_000,
    quantization: 'unknown',
    pricing: { prompt: '0.00000015', completion: '0.0000006' },
  },
];

/**
 * Starts an emulator of OpenRouter: `POST /api/v1/chat/completions` (with the `models` fallback
 * list: the first listed model whose context fits serves the request, and the answer names it),
 * `GET /api/v1/models` (public; per-token price strings), `GET /api/v1/models/{author}/{slug}/endpoints`
 * (per-provider quantization), `GET /api/v1/key` (the key's label and limits; needs the key). Usage is always returned, with `cost`; streams open with
 * `: OPENROUTER PROCESSING` comments; errors during generation come as a 200 with `error`.
 *
 * @example
 * const openrouter = await startOpenRouterEmulator({ apiKey: 'sk-or-test' });
 */
export async function startOpenRouterEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const models = resolveModels(options.models, defaultOpenRouterModels, options.contextWindow);
  const stats: EmulatorStats = { inFlight: 0, promptTokens: 0, generationTokens: 0, succeeded: 0 };
  const contextWindow = (model: EmulatorModel) => model.contextWindow ?? options.contextWindow ?? 131_072;
  const dialect = openRouterDialect(options, models, stats, contextWindow);
  return startEmulatorServer(
    {
      kind: 'openrouter',
      options,
      models,
      generationPaths: [chatPath],
      route: (method, path) => {
        if (method === 'POST' && path === chatPath) return (exchange) => handleOpenAIChat(exchange, dialect);
        if (method !== 'GET') return undefined;
        if (path === '/api/v1/models') {
          return (exchange) =>
            exchange.json(200, {
              data: models.map((model) => openRouterModelEntry(model, contextWindow(model))),
            });
        }
        if (path === '/api/v1/key') return (exchange) => exchange.json(200, keyInfo(options.apiKey));
        const match = /^\/api\/v1\/models\/(.+)\/endpoints$/.exec(path);
        if (match?.[1] === undefined) return undefined;
        const id = decodeURIComponent(match[1]);
        return (exchange) => {
          const model = models.find((candidate) => candidate.id === id);
          if (model === undefined) return exchange.json(404, openRouterError(404, 'Model not found'));
          exchange.json(200, openRouterEndpoints(model, contextWindow(model)));
        };
      },
      authorize: (exchange) => authorize(exchange, options.apiKey),
      answerStatusFault: (exchange, fault) =>
        exchange.json(fault.status, openRouterError(fault.status, fault.message), retryAfterHeaders(fault)),
      answerNotFound: (exchange) => exchange.json(404, openRouterError(404, 'Not Found')),
    },
    stats,
  );
}

function openRouterDialect(
  options: EmulatorOptions,
  models: readonly EmulatorModel[],
  stats: EmulatorStats,
  contextWindow: (model: EmulatorModel) => number,
): OpenAIDialect {
  const usageOf = (model: EmulatorModel) => (inputTokens: number, outputTokens: number) => {
    const pricing = pricingOf(model);
    const promptCost = inputTokens * Number(pricing.prompt);
    const completionCost = outputTokens * Number(pricing.completion);
    return {
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
      cost: roundUsd(promptCost + completionCost),
      is_byok: false,
      cost_details: {
        upstream_inference_cost: null,
        upstream_inference_prompt_cost: roundUsd(promptCost),
        upstream_inference_completions_cost: roundUsd(completionCost),
      },
    };
  };
  return {
    kind: 'openrouter',
    replyText: options.replyText ?? 'Hello from openrouter emulator.',
    stats,
    answerInvalidJson: (exchange) => exchange.json(400, openRouterError(400, 'Invalid JSON in request body')),
    answerBadBody: (exchange) =>
      exchange.json(400, openRouterError(400, 'Input required: specify "prompt" or "messages"')),
    resolveModel: (exchange, chat) => {
      const fallbacks = Array.isArray(chat.body.models)
        ? chat.body.models.filter((id) => typeof id === 'string')
        : [];
      const names = [...(chat.model === undefined ? [] : [chat.model]), ...fallbacks];
      if (names.length === 0) {
        exchange.json(400, openRouterError(400, 'No models provided'));
        return undefined;
      }
      const candidates: EmulatorModel[] = [];
      for (const name of names) {
        const model = models.find((candidate) => candidate.id === name);
        if (model === undefined) {
          exchange.json(400, openRouterError(400, `${name} is not a valid model ID`));
          return undefined;
        }
        candidates.push(model);
      }
      const needed = estimateTokens(chat.promptText) + (chat.maxTokens ?? 0);
      const model =
        candidates.find((candidate) => needed <= contextWindow(candidate)) ??
        (candidates[0] as EmulatorModel);
      return { model, responseModel: model.id };
    },
    structuredOutput: (_exchange, chat) => {
      const format = chat.body.response_format;
      if (!isSchemaObject(format)) return { json: false };
      if (format.type === 'json_object') return { json: true };
      if (
        format.type === 'json_schema' &&
        isSchemaObject(format.json_schema) &&
        isSchemaObject(format.json_schema.schema)
      ) {
        return { schema: format.json_schema.schema, json: true };
      }
      return { json: false };
    },
    contextWindow,
    checkContext: (exchange, { promptTokens, maxTokens, contextWindow: window }) => {
      const requested = promptTokens + (maxTokens ?? 0);
      if (requested <= window) return true;
      exchange.json(
        400,
        openRouterError(
          400,
          `This endpoint's maximum context length is ${window} tokens. However, you requested about ${requested} tokens (${promptTokens} of text input, ${maxTokens ?? 0} in the output). Please reduce the length of either one, or use the "middle-out" transform to compress your prompt automatically.`,
          { provider_name: null },
        ),
      );
      return false;
    },
    responseId: (sequence) => `gen-emu-${String(sequence).padStart(10, '0')}`,
    toolCallIdPrefix: 'call_or_',
    usage: (report, model) => openAIUsage(report, usageOf(model)),
    streamUsage: () => true,
    completionExtra: (reply) => ({
      extra: { provider, system_fingerprint: null },
      messageExtra: { refusal: null, reasoning: null },
      choiceExtra: { native_finish_reason: reply.finishReason },
    }),
    chunkExtra: (reply) => ({
      extra: { provider },
      finishChoiceExtra: { native_finish_reason: reply.finishReason },
    }),
    leadingFrames: [{ kind: 'meta', text: ': OPENROUTER PROCESSING\n\n' }],
    responseHeaders: (exchange) => ({
      'x-generation-id': `gen-emu-${String(exchange.sequence).padStart(10, '0')}`,
    }),
    errorFrames: (message, identity) => [
      `data: ${JSON.stringify({
        id: identity.id,
        object: 'chat.completion.chunk',
        created: identity.created,
        model: identity.model,
        provider,
        error: { code: 'server_error', message },
        choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
      })}\n\n`,
    ],
    generationError: (message) => ({
      status: 200,
      body: openRouterError(502, message, { provider_name: provider }),
    }),
    defaultErrorMessage: 'Provider disconnected unexpectedly',
  };
}

function authorize(exchange: Exchange, apiKey: string | undefined): boolean {
  if (apiKey === undefined || exchange.record.path === '/api/v1/models') return true;
  if (exchange.record.path.endsWith('/endpoints')) return true;
  const token = bearerToken(exchange);
  if (token === apiKey) return true;
  exchange.json(
    401,
    openRouterError(401, token === undefined ? 'No auth credentials found' : 'User not found.'),
  );
  return false;
}

function roundUsd(value: number): number {
  return Math.round(value * 1e12) / 1e12;
}

/** `GET /api/v1/key`: what OpenRouter says about the calling key (label masked, no limit). */
function keyInfo(apiKey: string | undefined) {
  const label = apiKey === undefined ? 'sk-or-v1-emulator' : `${apiKey.slice(0, 8)}...${apiKey.slice(-3)}`;
  return {
    data: {
      label,
      limit: null,
      usage: 0,
      is_free_tier: false,
      limit_remaining: null,
      is_provisioning_key: false,
      rate_limit: { requests: -1, interval: '10s' },
    },
  };
}
