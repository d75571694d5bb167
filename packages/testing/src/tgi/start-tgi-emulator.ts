import { bearerToken } from '../emulator/bearer-token.js';
import type { Emulator, EmulatorModel, EmulatorOptions } from '../emulator/emulator.js';
import type { Exchange } from '../emulator/exchange.js';
import { resolveModels } from '../emulator/resolve-models.js';
import { retryAfterHeaders } from '../emulator/retry-after-headers.js';
import { type EmulatorStats, startEmulatorServer } from '../emulator/start-emulator-server.js';
import { handleOpenAIChat, type OpenAIDialect } from '../openai-style/handle-openai-chat.js';
import { openAIUsage } from '../openai-style/openai-usage.js';
import { serdePosition } from './serde-position.js';
import { tgiError, tgiStatusError } from './tgi-error.js';
import { tgiStructuredOutput } from './tgi-structured-output.js';

const chatPath = '/v1/chat/completions';
const version = '3.3.7';

/** Settings of the TGI emulator. */
export type TgiEmulatorOptions = EmulatorOptions & {
  /** `--max-input-tokens` (default: the context window − 1). */
  readonly maxInputTokens?: number;
};

/** The model the TGI emulator serves by default (`--max-total-tokens 8192`). TGI serves one model. */
export const defaultTgiModels: readonly EmulatorModel[] = [
  { id: 'meta-llama/Llama-3.1-8B-Instruct', contextWindow: 8192 },
];

/**
 * Starts an emulator of Hugging Face TGI's router: `POST /v1/chat/completions` (any `model`
 * accepted and echoed, as TGI treats it as a LoRA id), `GET /v1/models`, `GET /info`,
 * `GET /health`. Errors are `{"error","error_type"}`; context overflow is a 422 `validation`;
 * `response_format` must be TGI's `{type, value}` shape (OpenAI's shape gets the plain-text 422
 * "missing field `value`"); a wrong key gets a bare 401.
 *
 * @example
 * const tgi = await startTgiEmulator({ contextWindow: 4096 });
 */
export async function startTgiEmulator(options: TgiEmulatorOptions = {}): Promise<Emulator> {
  const models = resolveModels(options.models, defaultTgiModels, options.contextWindow);
  const served = models[0] as EmulatorModel;
  const stats: EmulatorStats = { inFlight: 0, promptTokens: 0, generationTokens: 0, succeeded: 0 };
  const maxTotalTokens = served.contextWindow ?? options.contextWindow ?? 8192;
  const maxInputTokens = options.maxInputTokens ?? maxTotalTokens - 1;
  const dialect = tgiDialect(options, served, stats, maxTotalTokens, maxInputTokens);
  return startEmulatorServer(
    {
      kind: 'tgi',
      options,
      models: [served],
      generationPaths: [chatPath],
      route: (method, path) => {
        if (method === 'POST' && path === chatPath) return (exchange) => handleChat(exchange, dialect);
        if (method !== 'GET') return undefined;
        switch (path) {
          case '/health':
            return (exchange) => exchange.empty(200);
          case '/info':
            return (exchange) => exchange.json(200, info(served, maxInputTokens, maxTotalTokens));
          case '/v1/models':
            return (exchange) =>
              exchange.json(200, {
                object: 'list',
                data: [{ id: served.id, object: 'model', created: 0, owned_by: served.id }],
              });
          default:
            return undefined;
        }
      },
      authorize: (exchange) => authorize(exchange, options.apiKey),
      answerStatusFault: (exchange, fault) =>
        exchange.json(fault.status, tgiStatusError(fault.status, fault.message), retryAfterHeaders(fault)),
      answerNotFound: (exchange) => exchange.empty(404),
    },
    stats,
  );
}

function handleChat(exchange: Exchange, dialect: OpenAIDialect): Promise<void> | void {
  const contentType = exchange.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json/i.test(contentType)) {
    return exchange.text(415, 'Expected request with `Content-Type: application/json`');
  }
  return handleOpenAIChat(exchange, dialect);
}

function tgiDialect(
  options: TgiEmulatorOptions,
  served: EmulatorModel,
  stats: EmulatorStats,
  maxTotalTokens: number,
  maxInputTokens: number,
): OpenAIDialect {
  const fingerprint = `${version}-sha-emulator`;
  return {
    kind: 'tgi',
    replyText: options.replyText ?? 'Hello from tgi emulator.',
    stats,
    answerInvalidJson: (exchange) =>
      exchange.text(
        400,
        exchange.record.rawBody.trim() === ''
          ? 'Failed to parse the request body as JSON: EOF while parsing a value at line 1 column 0'
          : 'Failed to parse the request body as JSON: expected value at line 1 column 1',
      ),
    answerBadBody: (exchange, problem) =>
      exchange.text(
        422,
        problem.reason === 'missing'
          ? `Failed to deserialize the JSON body into the target type: missing field \`${problem.field}\` at ${serdePosition(exchange.record.rawBody)}`
          : `Failed to deserialize the JSON body into the target type: ${problem.field}: invalid type: expected a sequence at ${serdePosition(exchange.record.rawBody)}`,
      ),
    resolveModel: (_exchange, chat) => ({ model: served, responseModel: chat.model ?? served.id }),
    validate: (exchange, chat) => {
      if (
        chat.body.response_format !== undefined &&
        chat.body.response_format !== null &&
        chat.tools.length > 0
      ) {
        exchange.json(
          422,
          tgiError('Input validation error: Grammar and tools are mutually exclusive', 'validation'),
        );
        return false;
      }
      return true;
    },
    structuredOutput: tgiStructuredOutput,
    contextWindow: () => maxTotalTokens,
    checkContext: (exchange, { promptTokens, maxTokens }) => {
      if (promptTokens > maxInputTokens) {
        exchange.json(
          422,
          tgiError(
            `Input validation error: \`inputs\` must have less than ${maxInputTokens} tokens. Given: ${promptTokens}`,
            'validation',
          ),
        );
        return false;
      }
      if (maxTokens !== undefined && promptTokens + maxTokens > maxTotalTokens) {
        exchange.json(
          422,
          tgiError(
            `Input validation error: \`inputs\` tokens + \`max_new_tokens\` must be <= ${maxTotalTokens}. Given: ${promptTokens} \`inputs\` tokens and ${maxTokens} \`max_new_tokens\``,
            'validation',
          ),
        );
        return false;
      }
      return true;
    },
    responseId: () => '',
    toolCallIdPrefix: 'tgi_call_',
    usage: (report) => openAIUsage(report),
    streamUsage: (chat) => chat.includeUsage,
    nullUsageOnChunks: () => true,
    completionExtra: () => ({ extra: { system_fingerprint: fingerprint } }),
    chunkExtra: () => ({ extra: { system_fingerprint: fingerprint } }),
    responseHeaders: (_exchange, reply, stream): Readonly<Record<string, string>> =>
      stream
        ? {}
        : {
            'x-compute-type': 'gpu+optimized',
            'x-compute-time': '0.05',
            'x-total-time': '50',
            'x-validation-time': '1',
            'x-queue-time': '1',
            'x-inference-time': '48',
            'x-time-per-token': '6',
            'x-prompt-tokens': String(reply.inputTokens),
            'x-generated-tokens': String(reply.outputTokens),
          },
    errorFrames: (message) => [`data: ${JSON.stringify({ error: { message, http_status_code: 424 } })}\n\n`],
    generationError: (message) => ({ status: 424, body: tgiError(message, 'generation') }),
    defaultErrorMessage: 'Request failed during generation: Server error: CUDA out of memory',
  };
}

function authorize(exchange: Exchange, apiKey: string | undefined): boolean {
  if (apiKey === undefined || bearerToken(exchange) === apiKey) return true;
  exchange.empty(401);
  return false;
}

function info(served: EmulatorModel, maxInputTokens: number, maxTotalTokens: number) {
  return {
    model_id: served.id,
    model_sha: '0e9e39f249a16976918f6564b8830bc894c89659',
    model_pipeline_tag: 'text-generation',
    max_concurrent_requests: 128,
    max_best_of: 2,
    max_stop_sequences: 4,
    max_input_tokens: maxInputTokens,
    max_total_tokens: maxTotalTokens,
    validation_workers: 2,
    max_client_batch_size: 4,
    router: 'text-generation-router',
    version,
    sha: 'emulator',
    docker_label: `sha-emulator`,
  };
}
