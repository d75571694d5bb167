import { randomUUID } from 'node:crypto';
import {
  callJson,
  createBackendConnection,
  isRecord,
  openStream,
  startCallTimer,
  toBackendCallError,
  trimTrailingSlashes,
} from '@switchyard/backend-kit';
import {
  type BackendCall,
  BackendCallError,
  type BackendGenerateResult,
  type BackendStreamResult,
  type BackendV1,
} from '@switchyard/core';
import { checkOllamaSettings } from './check-ollama-settings.js';
import { classifyOllamaError } from './classify-ollama-error.js';
import { describeOllama, type OllamaDescription } from './describe-ollama.js';
import { normalizeOllamaStream } from './normalize-ollama-stream.js';
import { defaultOllamaBaseUrl, type OllamaSettings } from './ollama-settings.js';
import { ollamaToChatCompletion } from './ollama-to-chat-completion.js';
import { ollamaTiming, ollamaUsage } from './ollama-usage.js';
import type { OllamaChatResponse } from './ollama-wire.js';
import { type OllamaProbeResult, probeOllama } from './probe-ollama.js';
import { toOllamaChatBody } from './to-ollama-chat-body.js';
import { warmUpOllama } from './warm-up-ollama.js';

/** An Ollama backend: `describe()` and `probe()` return Ollama's richer shapes; `warmUp()` always exists. */
export type OllamaBackend = Omit<BackendV1, 'describe' | 'probe' | 'warmUp'> & {
  describe(options?: { signal?: AbortSignal }): Promise<OllamaDescription>;
  probe(options?: { signal?: AbortSignal }): Promise<OllamaProbeResult>;
  warmUp(model: string, options?: { signal?: AbortSignal }): Promise<void>;
};

/**
 * Creates an adapter for Ollama's native API (`POST /api/chat`), the only Ollama API that can
 * set `num_ctx`, `keep_alive` and per-request options, and that always reports usage and
 * timings. Requests are converted from OpenAI's shape (tool-call arguments as objects, images as
 * base64, `format` for structured output) and answers mapped back to `chat.completion` objects
 * and chunks. Construction does no I/O (invalid settings throw `InvalidConfigError`); an API key
 * (for a proxy or Ollama's cloud) is optional and sent as `Authorization: Bearer`.
 *
 * @example
 * const ollama = createOllama({ numCtx: 16384, keepAlive: '30m' });
 * await ollama.warmUp('llama3.1:8b');
 * const { completion, usage, timing } = await ollama.doGenerate({ request, model: 'llama3.1:8b' });
 */
export function createOllama(settings: OllamaSettings = {}): OllamaBackend {
  checkOllamaSettings(settings);
  const root = trimTrailingSlashes(settings.baseUrl ?? defaultOllamaBaseUrl).replace(/\/(?:api|v1)$/, '');
  const connection = createBackendConnection(
    { ...settings, baseUrl: root },
    {
      defaultId: 'ollama',
      displayName: 'Ollama',
      apiKey: { required: false },
      classifyError: classifyOllamaError,
    },
  );
  const { id } = connection;
  const chatUrl = `${root}/api/chat`;

  function prepare(call: BackendCall, stream: boolean) {
    const warnings: string[] = [];
    const body = toOllamaChatBody(call.request, {
      model: call.model,
      stream,
      backend: id,
      settings,
      warnings,
    });
    return { body, warnings, ...connection.prepare(call.headers) };
  }

  async function doGenerate(call: BackendCall): Promise<BackendGenerateResult> {
    const { body, warnings, headers, http } = prepare(call, false);
    const timer = startCallTimer();
    const { data, status } = await callJson<unknown>(
      { url: chatUrl, body, headers, signal: call.signal },
      http,
    );
    const answer = isRecord(data) ? (data as OllamaChatResponse) : {};
    if (answer.error !== undefined && answer.error !== null) {
      throw toBackendCallError({ status, body: answer, phase: 'headers' }, http);
    }
    if (answer.done !== true || !isRecord(answer.message)) {
      throw new BackendCallError({
        message: `Ollama answered ${status} without a finished message (done:true and message)`,
        code: 'invalid-output',
        backend: id,
        phase: 'headers',
        status,
      });
    }
    const usage = ollamaUsage(answer);
    const completion = ollamaToChatCompletion(answer, {
      id: `chatcmpl-${randomUUID()}`,
      model: call.model,
      usage,
    });
    const timing = timer.finish({ outputTokens: usage.outputTokens, reported: ollamaTiming(answer) });
    return { completion, usage, timing, warnings };
  }

  async function doStream(call: BackendCall): Promise<BackendStreamResult> {
    const { body, warnings, headers, http } = prepare(call, true);
    const timer = startCallTimer();
    const opened = await openStream(
      { url: chatUrl, body, headers: { ...headers, accept: 'application/x-ndjson' }, signal: call.signal },
      http,
      { idleTimeoutMs: settings.streamIdleTimeoutMs },
    );
    const stream = normalizeOllamaStream(opened.chunks, {
      errorContext: http,
      timer,
      id: `chatcmpl-${randomUUID()}`,
      model: call.model,
    });
    return { stream, warnings };
  }

  return {
    specificationVersion: 'v1',
    id,
    kind: 'ollama',
    describe: (options) => describeOllama(connection.http, root, id, settings, options),
    probe: (options) => probeOllama(connection.http, root, options),
    warmUp: (model, options) => warmUpOllama(connection.http, root, model, settings, id, options),
    doGenerate,
    doStream,
  };
}
