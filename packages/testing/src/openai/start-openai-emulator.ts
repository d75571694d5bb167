import { bearerToken, maskKey } from '../emulator/bearer-token.js';
import type { Emulator, EmulatorModel, EmulatorOptions } from '../emulator/emulator.js';
import type { Exchange } from '../emulator/exchange.js';
import { resolveModels } from '../emulator/resolve-models.js';
import { retryAfterHeaders } from '../emulator/retry-after-headers.js';
import { type EmulatorStats, startEmulatorServer } from '../emulator/start-emulator-server.js';
import { handleOpenAIChat, type OpenAIDialect } from '../openai-style/handle-openai-chat.js';
import { openAIUsage } from '../openai-style/openai-usage.js';
import { openAIError, openAIStatusError } from './openai-error.js';
import { openAIStructuredOutput } from './openai-structured-output.js';

const chatPath = '/v1/chat/completions';
const created = 1_715_367_049;

/** Models the OpenAI emulator serves by default. */
export const defaultOpenAIModels: readonly EmulatorModel[] = [
  { id: 'gpt-4o-mini', contextWindow: 128_000 },
  { id: 'gpt-4o', contextWindow: 128_000 },
];

/**
 * Starts an emulator of the OpenAI Chat Completions API: `POST /v1/chat/completions`,
 * `GET /v1/models`, `GET /v1/models/{id}`. Bearer auth, `{"error":{message,type,param,code}}`
 * bodies, stream usage only with `stream_options.include_usage`, `response_format` json_schema /
 * json_object as OpenAI validates them, 400 `context_length_exceeded`.
 *
 * @example
 * const openai = await startOpenAIEmulator({ apiKey: 'sk-test' });
 * const client = new OpenAI({ baseURL: `${openai.url}/v1`, apiKey: 'sk-test' });
 */
export async function startOpenAIEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const models = resolveModels(options.models, defaultOpenAIModels, options.contextWindow);
  const stats: EmulatorStats = { inFlight: 0, promptTokens: 0, generationTokens: 0, succeeded: 0 };
  const dialect = openAIDialect(options, models, stats);
  return startEmulatorServer(
    {
      kind: 'openai',
      options,
      models,
      generationPaths: [chatPath],
      route: (method, path) => {
        if (method === 'POST' && path === chatPath) return (exchange) => handleOpenAIChat(exchange, dialect);
        if (method === 'GET' && path === '/v1/models') {
          return (exchange) => exchange.json(200, { object: 'list', data: models.map(modelEntry) });
        }
        const id =
          method === 'GET' && path.startsWith('/v1/models/') ? decodeURIComponent(path.slice(11)) : undefined;
        if (id !== undefined) return (exchange) => answerModel(exchange, models, id);
        return undefined;
      },
      authorize: (exchange) => authorize(exchange, options.apiKey),
      answerStatusFault: (exchange, fault) =>
        exchange.json(fault.status, openAIStatusError(fault.status, fault.message), retryAfterHeaders(fault)),
      answerNotFound: (exchange) =>
        exchange.json(
          404,
          openAIError(
            `Invalid URL (${exchange.record.method} ${exchange.record.path})`,
            'invalid_request_error',
          ),
        ),
    },
    stats,
  );
}

function openAIDialect(
  options: EmulatorOptions,
  models: readonly EmulatorModel[],
  stats: EmulatorStats,
): OpenAIDialect {
  const usageExtras = () => ({
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  });
  return {
    kind: 'openai',
    replyText: options.replyText ?? 'Hello from openai emulator.',
    stats,
    answerInvalidJson: (exchange) =>
      exchange.json(
        400,
        openAIError(
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
          'invalid_request_error',
        ),
      ),
    answerBadBody: (exchange, problem) =>
      exchange.json(
        400,
        problem.reason === 'missing'
          ? openAIError(
              `Missing required parameter: '${problem.field}'.`,
              'invalid_request_error',
              problem.field,
              'missing_required_parameter',
            )
          : openAIError(
              `Invalid type for '${problem.field}': expected an array.`,
              'invalid_request_error',
              problem.field,
              'invalid_type',
            ),
      ),
    resolveModel: (exchange, chat) => {
      if (chat.model === undefined) {
        exchange.json(
          400,
          openAIError(
            "Missing required parameter: 'model'.",
            'invalid_request_error',
            'model',
            'missing_required_parameter',
          ),
        );
        return undefined;
      }
      const model = models.find((candidate) => candidate.id === chat.model);
      if (model === undefined) {
        exchange.json(
          404,
          openAIError(
            `The model \`${chat.model}\` does not exist or you do not have access to it.`,
            'invalid_request_error',
            null,
            'model_not_found',
          ),
        );
        return undefined;
      }
      return { model, responseModel: model.id };
    },
    structuredOutput: openAIStructuredOutput,
    contextWindow: (model) => model.contextWindow ?? options.contextWindow ?? 128_000,
    checkContext: (exchange, { promptTokens, maxTokens, contextWindow }) => {
      const requested = promptTokens + (maxTokens ?? 0);
      if (promptTokens <= contextWindow && requested <= contextWindow) return true;
      const message =
        promptTokens > contextWindow
          ? `This model's maximum context length is ${contextWindow} tokens. However, your messages resulted in ${promptTokens} tokens. Please reduce the length of the messages.`
          : `This model's maximum context length is ${contextWindow} tokens. However, you requested ${requested} tokens (${promptTokens} in the messages, ${maxTokens} in the completion). Please reduce the length of the messages or completion.`;
      exchange.json(
        400,
        openAIError(message, 'invalid_request_error', 'messages', 'context_length_exceeded'),
      );
      return false;
    },
    responseId: (sequence) => `chatcmpl-emu${String(sequence).padStart(6, '0')}`,
    toolCallIdPrefix: 'call_emu',
    usage: (report) => openAIUsage(report, usageExtras),
    streamUsage: (chat) => chat.includeUsage,
    nullUsageOnChunks: (chat) => chat.includeUsage,
    completionExtra: () => ({
      extra: { service_tier: 'default', system_fingerprint: 'fp_emulator' },
      messageExtra: { refusal: null, annotations: [] },
    }),
    chunkExtra: () => ({ extra: { service_tier: 'default', system_fingerprint: 'fp_emulator' } }),
    responseHeaders: (exchange) => ({ 'x-request-id': `req_emu${exchange.sequence}` }),
    errorFrames: (message) => [`data: ${JSON.stringify(openAIError(message, 'server_error'))}\n\n`],
    generationError: (message) => ({ status: 500, body: openAIError(message, 'server_error') }),
    defaultErrorMessage: 'The server had an error while processing your request. Sorry about that!',
  };
}

function authorize(exchange: Exchange, apiKey: string | undefined): boolean {
  if (apiKey === undefined) return true;
  const token = bearerToken(exchange);
  if (token === apiKey) return true;
  const body =
    token === undefined
      ? openAIError(
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
          'invalid_request_error',
        )
      : openAIError(
          `Incorrect API key provided: ${maskKey(token)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_request_error',
          null,
          'invalid_api_key',
        );
  exchange.json(401, body);
  return false;
}

function modelEntry(model: EmulatorModel) {
  return { id: model.id, object: 'model', created, owned_by: 'system' };
}

function answerModel(exchange: Exchange, models: readonly EmulatorModel[], id: string): void {
  const model = models.find((candidate) => candidate.id === id);
  if (model !== undefined) exchange.json(200, modelEntry(model));
  else
    exchange.json(
      404,
      openAIError(`The model '${id}' does not exist`, 'invalid_request_error', 'model', 'model_not_found'),
    );
}
