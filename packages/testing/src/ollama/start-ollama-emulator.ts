import { bearerToken } from '../emulator/bearer-token.js';
import type { Emulator, EmulatorModel, EmulatorOptions } from '../emulator/emulator.js';
import type { Exchange } from '../emulator/exchange.js';
import { resolveModels } from '../emulator/resolve-models.js';
import { retryAfterHeaders } from '../emulator/retry-after-headers.js';
import { type EmulatorStats, startEmulatorServer } from '../emulator/start-emulator-server.js';
import { isSchemaObject } from '../json-schema/resolve-schema.js';
import { handleOpenAIChat } from '../openai-style/handle-openai-chat.js';
import { handleOllamaChat } from './handle-ollama-chat.js';
import { ollamaProcessEntry, ollamaShow, ollamaTagEntry } from './ollama-catalog.js';
import { ollamaOpenAIDialect, ollamaOpenAIError } from './ollama-openai-dialect.js';
import { findOllamaModel, type OllamaState } from './ollama-state.js';

/** Settings of the Ollama emulator. */
export type OllamaEmulatorOptions = EmulatorOptions & {
  /** Reported by `GET /api/version` (default `0.13.0`). */
  readonly version?: string;
};

/**
 * Models the Ollama emulator serves by default. `contextWindow` is the default `num_ctx`
 * (4096); `llama3.1:8b` starts loaded, `qwen2.5:14b` does not.
 */
export const defaultOllamaModels: readonly EmulatorModel[] = [
  {
    id: 'llama3.1:8b',
    contextWindow: 4096,
    quantization: 'Q4_K_M',
    parameterSize: '8.0B',
    family: 'llama',
    sizeBytes: 4_920_753_328,
    loaded: true,
  },
  {
    id: 'qwen2.5:14b',
    contextWindow: 4096,
    quantization: 'Q4_K_M',
    parameterSize: '14.8B',
    family: 'qwen2',
    sizeBytes: 8_988_124_069,
  },
];

const defaultStatusMessages: Readonly<Record<number, string>> = {
  429: 'too many requests',
  500: 'llama runner process has terminated: exit status 2',
  502: 'an error occurred while connecting to the cloud model',
  503: 'server busy, please try again.  maximum pending requests exceeded',
};

/**
 * Starts an emulator of Ollama: native `POST /api/chat` (NDJSON), the OpenAI layer
 * `POST /v1/chat/completions`, `GET /` ("Ollama is running"), `GET /api/version`,
 * `GET /api/tags`, `GET /api/ps` (loaded models; chatting loads one, `keep_alive: 0` unloads it),
 * `POST /api/show` (`details.quantization_level`). Errors are `{"error":"…"}`; there is no
 * `/metrics`. With `apiKey` set it checks `Authorization: Bearer` as a proxy or Ollama's cloud
 * would.
 *
 * @example
 * const ollama = await startOllamaEmulator();
 * await fetch(`${ollama.url}/api/chat`, { method: 'POST', body: JSON.stringify({ model: 'llama3.1:8b', messages }) });
 */
export async function startOllamaEmulator(options: OllamaEmulatorOptions = {}): Promise<Emulator> {
  const models = resolveModels(options.models, defaultOllamaModels, options.contextWindow);
  const stats: EmulatorStats = { inFlight: 0, promptTokens: 0, generationTokens: 0, succeeded: 0 };
  const contextWindow = (model: EmulatorModel) => model.contextWindow ?? options.contextWindow ?? 4096;
  const state: OllamaState = {
    models,
    loaded: new Map(
      models
        .filter((model) => model.loaded === true)
        .map((model) => [
          model.id,
          { expiresAt: Date.now() + 5 * 60_000, contextLength: contextWindow(model) },
        ]),
    ),
    replyText: options.replyText ?? 'Hello from ollama emulator.',
    stats,
    contextWindow,
  };
  const dialect = ollamaOpenAIDialect(state);
  return startEmulatorServer(
    {
      kind: 'ollama',
      options,
      models,
      generationPaths: ['/api/chat', '/v1/chat/completions'],
      route: (method, path) => {
        const key = `${method} ${path}`;
        switch (key) {
          case 'POST /api/chat':
            return (exchange) => handleOllamaChat(exchange, state);
          case 'POST /v1/chat/completions':
            return (exchange) => handleOpenAIChat(exchange, dialect);
          case 'GET /':
          case 'HEAD /':
            return (exchange) => exchange.text(200, 'Ollama is running');
          case 'GET /api/version':
            return (exchange) => exchange.json(200, { version: options.version ?? '0.13.0' });
          case 'GET /api/tags':
            return (exchange) => exchange.json(200, { models: models.map(ollamaTagEntry) });
          case 'GET /api/ps':
            return (exchange) => exchange.json(200, { models: loadedModels(state) });
          case 'POST /api/show':
            return (exchange) => answerShow(exchange, state);
          case 'GET /v1/models':
            return (exchange) =>
              exchange.json(200, {
                object: 'list',
                data: models.map((model) => ({
                  id: model.id,
                  object: 'model',
                  created: 1_756_720_800,
                  owned_by: 'library',
                })),
              });
          default:
            return undefined;
        }
      },
      authorize: (exchange) => authorize(exchange, options.apiKey),
      answerStatusFault: (exchange, fault) => {
        const message = fault.message ?? defaultStatusMessages[fault.status] ?? `HTTP ${fault.status}`;
        const body = exchange.record.path.startsWith('/v1/')
          ? ollamaOpenAIError(fault.status, message)
          : { error: message };
        exchange.json(fault.status, body, retryAfterHeaders(fault));
      },
      answerNotFound: (exchange) => exchange.text(404, '404 page not found'),
    },
    stats,
  );
}

function loadedModels(state: OllamaState) {
  const now = Date.now();
  const entries = [];
  for (const [id, loaded] of state.loaded) {
    if (loaded.expiresAt <= now) {
      state.loaded.delete(id);
      continue;
    }
    const model = state.models.find((candidate) => candidate.id === id);
    if (model === undefined) continue;
    const expiresAt = Number.isFinite(loaded.expiresAt)
      ? new Date(loaded.expiresAt).toISOString()
      : '2318-08-21T00:00:00.000Z';
    entries.push(ollamaProcessEntry(model, expiresAt, loaded.contextLength));
  }
  return entries;
}

function answerShow(exchange: Exchange, state: OllamaState): void {
  const body = isSchemaObject(exchange.body) ? exchange.body : {};
  const name =
    typeof body.model === 'string' ? body.model : typeof body.name === 'string' ? body.name : undefined;
  const model = name === undefined ? undefined : findOllamaModel(state, name);
  if (name === undefined) exchange.json(400, { error: 'model is required' });
  else if (model === undefined) exchange.json(404, { error: `model '${name}' not found` });
  else exchange.json(200, ollamaShow(model, Math.max(131_072, state.contextWindow(model))));
}

function authorize(exchange: Exchange, apiKey: string | undefined): boolean {
  if (apiKey === undefined || bearerToken(exchange) === apiKey) return true;
  exchange.json(401, { error: 'unauthorized' });
  return false;
}
