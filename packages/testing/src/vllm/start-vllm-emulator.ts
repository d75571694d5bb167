import { bearerToken } from '../emulator/bearer-token.js';
import type { Emulator, EmulatorModel, EmulatorOptions } from '../emulator/emulator.js';
import type { Exchange } from '../emulator/exchange.js';
import { resolveModels } from '../emulator/resolve-models.js';
import { retryAfterHeaders } from '../emulator/retry-after-headers.js';
import { type EmulatorStats, startEmulatorServer } from '../emulator/start-emulator-server.js';
import { handleOpenAIChat, type OpenAIDialect } from '../openai-style/handle-openai-chat.js';
import { openAIUsage } from '../openai-style/openai-usage.js';
import { vllmError } from './vllm-error.js';
import { vllmMetrics } from './vllm-metrics.js';
import { vllmStructuredOutput } from './vllm-structured-output.js';

const chatPath = '/v1/chat/completions';
const created = 1_730_000_000;

/** Settings of the vLLM emulator. */
export type VllmEmulatorOptions = EmulatorOptions & {
  /**
   * Whether the server was started with `--enable-auto-tool-choice --tool-call-parser …`
   * (default true). When false, `tool_choice: "auto"` (the default with tools) gets vLLM's 400.
   */
  readonly enableAutoToolChoice?: boolean;
  /** `--max-num-seqs`: requests beyond it count as waiting in `/metrics` (default 256). */
  readonly maxNumSeqs?: number;
  /** Reported by `GET /version` (default `0.11.0`). */
  readonly version?: string;
};

/** Models the vLLM emulator serves by default (`--max-model-len 8192`). */
export const defaultVllmModels: readonly EmulatorModel[] = [
  { id: 'meta-llama/Llama-3.1-8B-Instruct', contextWindow: 8192 },
];

/**
 * Starts an emulator of vLLM's OpenAI-compatible server: `POST /v1/chat/completions`,
 * `GET /v1/models` (with `max_model_len`), `GET /health` (empty 200), `GET /metrics`
 * (`vllm:num_requests_running` / `waiting`), `GET /version`. Auth only on `/v1/*`, answering
 * `{"error":"Unauthorized"}`. Stream usage only with `stream_options.include_usage`; context
 * overflow is a 400 "maximum context length"; `guided_json` is ignored.
 *
 * @example
 * const vllm = await startVllmEmulator({ enableAutoToolChoice: false });
 */
export async function startVllmEmulator(options: VllmEmulatorOptions = {}): Promise<Emulator> {
  const models = resolveModels(options.models, defaultVllmModels, options.contextWindow);
  const stats: EmulatorStats = { inFlight: 0, promptTokens: 0, generationTokens: 0, succeeded: 0 };
  const contextWindow = (model: EmulatorModel) => model.contextWindow ?? options.contextWindow ?? 8192;
  const maxNumSeqs = options.maxNumSeqs ?? 256;
  const dialect = vllmDialect(options, models, stats, contextWindow);
  return startEmulatorServer(
    {
      kind: 'vllm',
      options,
      models,
      generationPaths: [chatPath],
      route: (method, path) => {
        if (method === 'POST' && path === chatPath) return (exchange) => handleOpenAIChat(exchange, dialect);
        if (method !== 'GET') return undefined;
        switch (path) {
          case '/v1/models':
            return (exchange) =>
              exchange.json(200, {
                object: 'list',
                data: models.map((model) => modelEntry(model, contextWindow(model))),
              });
          case '/health':
            return (exchange) => exchange.empty(200);
          case '/version':
            return (exchange) => exchange.json(200, { version: options.version ?? '0.11.0' });
          case '/metrics':
            return (exchange) =>
              exchange.text(200, vllmMetrics(models[0]?.id ?? '', stats, maxNumSeqs), {
                'content-type': 'text/plain; version=0.0.4; charset=utf-8',
              });
          default:
            return undefined;
        }
      },
      authorize: (exchange) => authorize(exchange, options.apiKey),
      answerStatusFault: (exchange, fault) => {
        const headers = retryAfterHeaders(fault);
        if (exchange.record.path === '/health') return exchange.empty(fault.status, headers);
        exchange.json(
          fault.status,
          vllmError(fault.status, fault.message ?? defaultStatusMessage(fault.status)),
          headers,
        );
      },
      answerNotFound: (exchange) => exchange.json(404, { detail: 'Not Found' }),
    },
    stats,
  );
}

function vllmDialect(
  options: VllmEmulatorOptions,
  models: readonly EmulatorModel[],
  stats: EmulatorStats,
  contextWindow: (model: EmulatorModel) => number,
): OpenAIDialect {
  const internalError = (message: string) => vllmError(500, message);
  return {
    kind: 'vllm',
    replyText: options.replyText ?? 'Hello from vllm emulator.',
    stats,
    answerInvalidJson: (exchange) =>
      exchange.json(
        400,
        vllmError(400, `[{'type': 'json_invalid', 'loc': ('body', 0), 'msg': 'JSON decode error'}]`),
      ),
    answerBadBody: (exchange, problem) =>
      exchange.json(
        400,
        vllmError(
          400,
          problem.reason === 'missing'
            ? `[{'type': 'missing', 'loc': ('body', '${problem.field}'), 'msg': 'Field required'}]`
            : `[{'type': 'list_type', 'loc': ('body', '${problem.field}'), 'msg': 'Input should be a valid list'}]`,
        ),
      ),
    resolveModel: (exchange, chat) => {
      const model =
        chat.model === undefined ? models[0] : models.find((candidate) => candidate.id === chat.model);
      if (model === undefined) {
        exchange.json(404, vllmError(404, `The model \`${chat.model}\` does not exist.`, 'model'));
        return undefined;
      }
      return { model, responseModel: model.id };
    },
    validate: (exchange, chat) => {
      if (chat.body.stream_options !== undefined && chat.body.stream_options !== null && !chat.stream) {
        exchange.json(400, vllmError(400, 'Stream options can only be defined when `stream=True`.'));
        return false;
      }
      const auto = chat.toolChoice === 'auto' || (chat.toolChoice === undefined && chat.tools.length > 0);
      if (auto && options.enableAutoToolChoice === false) {
        exchange.json(
          400,
          vllmError(
            400,
            '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set',
          ),
        );
        return false;
      }
      return true;
    },
    structuredOutput: vllmStructuredOutput,
    contextWindow,
    checkContext: (exchange, { promptTokens, maxTokens, contextWindow: window }) => {
      if (promptTokens >= window) {
        exchange.json(
          400,
          vllmError(
            400,
            `This model's maximum context length is ${window} tokens. However, your request has ${promptTokens} input tokens. Please reduce the length of the input messages.`,
          ),
        );
        return false;
      }
      if (maxTokens !== undefined && promptTokens + maxTokens > window) {
        exchange.json(
          400,
          vllmError(
            400,
            `This model's maximum context length is ${window} tokens. However, you requested ${promptTokens + maxTokens} tokens (${promptTokens} in the messages, ${maxTokens} in the completion). Please reduce the length of the messages or completion.`,
          ),
        );
        return false;
      }
      return true;
    },
    responseId: (sequence) => `chatcmpl-${sequence.toString(16).padStart(32, '0')}`,
    toolCallIdPrefix: 'chatcmpl-tool-',
    usage: (report) => openAIUsage(report, () => ({ prompt_tokens_details: null })),
    streamUsage: (chat) => chat.includeUsage,
    nullUsageOnChunks: (chat) => chat.includeUsage,
    completionExtra: (reply) => ({
      extra: {
        service_tier: null,
        system_fingerprint: null,
        prompt_logprobs: null,
        kv_transfer_params: null,
      },
      messageExtra: {
        refusal: null,
        annotations: null,
        audio: null,
        function_call: null,
        reasoning_content: null,
        ...(reply.toolCalls.length === 0 ? { tool_calls: [] } : {}),
      },
      choiceExtra: { stop_reason: null },
    }),
    errorFrames: (message) => [`data: ${JSON.stringify(internalError(message))}\n\n`, 'data: [DONE]\n\n'],
    generationError: (message) => ({ status: 500, body: internalError(message) }),
    defaultErrorMessage: 'EngineCore encountered an issue. See stack trace (above) for the root cause.',
  };
}

function authorize(exchange: Exchange, apiKey: string | undefined): boolean {
  if (apiKey === undefined || !exchange.record.path.startsWith('/v1')) return true;
  if (bearerToken(exchange) === apiKey) return true;
  exchange.json(401, { error: 'Unauthorized' });
  return false;
}

function defaultStatusMessage(status: number): string {
  if (status === 503) return 'The server is overloaded or not ready yet.';
  if (status === 500) return 'EngineCore encountered an issue. See stack trace (above) for the root cause.';
  return `HTTP ${status}`;
}

function modelEntry(model: EmulatorModel, maxModelLen: number) {
  return {
    id: model.id,
    object: 'model',
    created,
    owned_by: 'vllm',
    root: model.id,
    parent: null,
    max_model_len: maxModelLen,
    permission: [
      {
        id: `modelperm-${model.id.replaceAll(/[^a-zA-Z0-9]/g, '')}`,
        object: 'model_permission',
        created,
        allow_create_engine: false,
        allow_sampling: true,
        allow_logprobs: true,
        allow_search_indices: false,
        allow_view: true,
        allow_fine_tuning: false,
        organization: '*',
        group: null,
        is_blocking: false,
      },
    ],
  };
}
