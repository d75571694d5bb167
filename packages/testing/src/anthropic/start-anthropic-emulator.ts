import type { Emulator, EmulatorModel, EmulatorOptions } from '../emulator/emulator.js';
import { estimateTokens } from '../emulator/estimate-tokens.js';
import type { Exchange } from '../emulator/exchange.js';
import { resolveModels } from '../emulator/resolve-models.js';
import { retryAfterHeaders } from '../emulator/retry-after-headers.js';
import { type EmulatorStats, startEmulatorServer } from '../emulator/start-emulator-server.js';
import { anthropicError } from './anthropic-error.js';
import { type AnthropicContext, handleAnthropicMessages } from './handle-anthropic-messages.js';
import { readAnthropicRequest } from './read-anthropic-request.js';

const messagesPath = '/v1/messages';
const createdAt = '2026-09-29T00:00:00Z';

/** Models the Anthropic emulator serves by default (200k context). */
export const defaultAnthropicModels: readonly EmulatorModel[] = [
  { id: 'claude-sonnet-5', contextWindow: 200_000, displayName: 'Claude Sonnet 5' },
  { id: 'claude-haiku-4-5', contextWindow: 200_000, displayName: 'Claude Haiku 4.5' },
];

/**
 * Starts an emulator of Anthropic's Messages API: `POST /v1/messages`,
 * `POST /v1/messages/count_tokens`, `GET /v1/models` (paginated shape), `GET /v1/models/{id}`.
 * Requires `anthropic-version`, checks `x-api-key` when `apiKey` is set, answers
 * `{"type":"error","error":{type,message},"request_id"}` with a `request-id` header, 529
 * `overloaded_error`, SSE with `event:` names and no `[DONE]`.
 *
 * @example
 * const anthropic = await startAnthropicEmulator({ apiKey: 'sk-ant-test' });
 */
export async function startAnthropicEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const models = resolveModels(options.models, defaultAnthropicModels, options.contextWindow);
  const stats: EmulatorStats = { inFlight: 0, promptTokens: 0, generationTokens: 0, succeeded: 0 };
  const requestId = (exchange: Exchange) => `req_emu${String(exchange.sequence).padStart(20, '0')}`;
  const context: AnthropicContext = {
    models,
    replyText: options.replyText ?? 'Hello from anthropic emulator.',
    stats,
    contextWindow: (model) => model.contextWindow ?? options.contextWindow ?? 200_000,
    requestId,
  };
  const fail = (
    exchange: Exchange,
    status: number,
    message?: string,
    headers: Record<string, string> = {},
  ) => {
    const id = requestId(exchange);
    exchange.json(status, anthropicError(status, message, id), { 'request-id': id, ...headers });
  };
  return startEmulatorServer(
    {
      kind: 'anthropic',
      options,
      models,
      generationPaths: [messagesPath],
      route: (method, path) => {
        if (method === 'POST' && path === messagesPath)
          return (exchange) => handleAnthropicMessages(exchange, context);
        if (method === 'POST' && path === '/v1/messages/count_tokens') {
          return (exchange) => {
            const request = readAnthropicRequest({ max_tokens: 1, ...(exchange.body as object) });
            if ('problem' in request) return fail(exchange, 400, request.problem);
            exchange.json(200, { input_tokens: estimateTokens(request.promptText) });
          };
        }
        if (method === 'GET' && path === '/v1/models') {
          return (exchange) =>
            exchange.json(200, {
              data: models.map(modelEntry),
              has_more: false,
              first_id: models[0]?.id ?? null,
              last_id: models.at(-1)?.id ?? null,
            });
        }
        if (method === 'GET' && path.startsWith('/v1/models/')) {
          const id = decodeURIComponent(path.slice('/v1/models/'.length));
          return (exchange) => {
            const model = models.find((candidate) => candidate.id === id);
            if (model === undefined) return fail(exchange, 404, `model: ${id}`);
            exchange.json(200, modelEntry(model));
          };
        }
        return undefined;
      },
      authorize: (exchange) => {
        const key = exchange.header('x-api-key');
        if (options.apiKey !== undefined && key !== options.apiKey) {
          fail(exchange, 401, key === undefined ? 'x-api-key header is required' : 'invalid x-api-key');
          return false;
        }
        if (exchange.header('anthropic-version') === undefined) {
          fail(exchange, 400, 'anthropic-version: header is required');
          return false;
        }
        return true;
      },
      answerStatusFault: (exchange, fault) =>
        fail(exchange, fault.status, fault.message, retryAfterHeaders(fault)),
      answerNotFound: (exchange) => fail(exchange, 404, 'Not Found'),
    },
    stats,
  );
}

function modelEntry(model: EmulatorModel) {
  return { type: 'model', id: model.id, display_name: model.displayName ?? model.id, created_at: createdAt };
}
