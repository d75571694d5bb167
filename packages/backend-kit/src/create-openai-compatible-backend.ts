import {
  type BackendCall,
  BackendCallError,
  type BackendDescription,
  type BackendGenerateResult,
  type BackendStreamResult,
  type BackendV1,
} from '@switchyard/core';
import { callJson } from './call-json.js';
import { startCallTimer } from './call-timer.js';
import { createBackendConnection } from './create-backend-connection.js';
import { isRecord } from './is-record.js';
import { timingFromLlamaServer } from './llama-server-timings.js';
import { normalizeOpenAIStream } from './normalize-openai-stream.js';
import { normalizeOpenAIUsage, zeroUsage } from './normalize-usage.js';
import { openStream } from './open-stream.js';
import type { OpenAICompatibleDialect, OpenAICompatibleSettings } from './openai-compatible-dialect.js';
import { parseServerSentEvents } from './parse-server-sent-events.js';
import type { HttpContext } from './send-request.js';
import { joinUrl } from './server-root-url.js';
import { toBackendCallError } from './to-backend-call-error.js';
import { toChatCompletion } from './to-chat-completion.js';
import { toOpenAIRequestBody } from './to-openai-request-body.js';
import { tryParseJson } from './try-parse-json.js';

/** A backend built on the shared base; `describe()` returns the dialect's richer description. */
export type OpenAICompatibleBackend<Description extends BackendDescription = BackendDescription> = Omit<
  BackendV1,
  'describe'
> & {
  describe(options?: { signal?: AbortSignal }): Promise<Description>;
};

/**
 * The shared base of every OpenAI-shaped adapter (OpenAI, OpenRouter, vLLM, TGI, llama.cpp, any
 * compatible server). It converts requests (drops `switchyard`, sets the model and output-limit
 * field, always asks for streamed usage), maps responses and streams, classifies errors, and
 * reads the API key at call time. What differs per server comes from the `dialect`.
 * Construction does no I/O and never throws for a missing key: a call that needs one fails with
 * `unauthorized`, naming the environment variable.
 *
 * @example
 * const backend = createOpenAICompatibleBackend(
 *   { baseUrl: 'http://127.0.0.1:8000/v1' },
 *   { kind: 'openai-compatible', displayName: 'server', defaultId: 'server', maxTokensField: 'max_tokens',
 *     describe: async (context) => ({ backend: context.id, kind: 'openai-compatible', models: [] }),
 *     probe: async () => ({ status: 'up', latencyMs: 0 }) },
 * );
 * const { completion } = await backend.doGenerate({ request, model: 'my-model' });
 */
export function createOpenAICompatibleBackend<Description extends BackendDescription = BackendDescription>(
  settings: OpenAICompatibleSettings,
  dialect: OpenAICompatibleDialect<Description>,
): OpenAICompatibleBackend<Description> {
  const connection = createBackendConnection(settings, dialect);
  const { id, prepare } = connection;
  const chatUrl = joinUrl(connection.baseUrl, '/chat/completions');

  function buildBody(call: BackendCall, stream: boolean, warnings: string[]): Record<string, unknown> {
    const body = toOpenAIRequestBody(call.request, {
      model: call.model,
      stream,
      maxTokensField: dialect.maxTokensField,
      developerRoleAsSystem: dialect.developerRoleAsSystem,
      warnings,
    });
    return (
      dialect.prepareBody?.(body, { request: call.request, model: call.model, stream, warnings }) ?? body
    );
  }

  async function doGenerate(call: BackendCall): Promise<BackendGenerateResult> {
    const warnings: string[] = [];
    const { headers, http: httpContext } = prepare(call.headers);
    const body = buildBody(call, false, warnings);
    const timer = startCallTimer();
    const { data, status } = await callJson<unknown>(
      { url: chatUrl, body, headers, signal: call.signal },
      httpContext,
    );
    const completion = toChatCompletion(data, { model: call.model });
    if (completion === undefined) {
      if (isRecord(data) && data.error !== undefined && data.error !== null) {
        throw toBackendCallError({ status, body: data, phase: 'headers' }, httpContext);
      }
      throw new BackendCallError({
        message: `${dialect.displayName} answered ${status} without a choices array`,
        code: 'invalid-output',
        backend: id,
        phase: 'headers',
        status,
      });
    }
    const usage = normalizeOpenAIUsage(isRecord(data) ? data.usage : undefined) ?? zeroUsage;
    const reported = isRecord(data) ? timingFromLlamaServer(data.timings) : undefined;
    return {
      completion,
      usage,
      timing: timer.finish({ outputTokens: usage.outputTokens, reported }),
      warnings,
    };
  }

  async function doStream(call: BackendCall): Promise<BackendStreamResult> {
    const warnings: string[] = [];
    const { headers, http: httpContext } = prepare(call.headers);
    const body = buildBody(call, true, warnings);
    const timer = startCallTimer();
    const opened = await openStream({ url: chatUrl, body, headers, signal: call.signal }, httpContext, {
      idleTimeoutMs: settings.streamIdleTimeoutMs,
    });
    const contentType = opened.response.headers.get('content-type') ?? '';
    if (contentType.includes('application/json')) {
      // Some servers answer a stream request with one JSON body (an error, or no streaming support).
      const decoder = new TextDecoder();
      let text = '';
      for await (const bytes of opened.chunks) text += decoder.decode(bytes, { stream: true });
      text += decoder.decode();
      throw toNonStreamError(text, opened.response.status, httpContext);
    }
    const stream = normalizeOpenAIStream(parseServerSentEvents(opened.chunks), {
      errorContext: httpContext,
      timer,
      model: call.model,
    });
    return { stream, warnings };
  }

  function toNonStreamError(text: string, status: number, httpContext: HttpContext): BackendCallError {
    const parsed = tryParseJson(text);
    if (isRecord(parsed) && parsed.error !== undefined && parsed.error !== null) {
      return toBackendCallError({ status, body: parsed, phase: 'headers' }, httpContext);
    }
    return new BackendCallError({
      message: `${dialect.displayName} answered a streaming request with a JSON body instead of an event stream`,
      code: 'invalid-output',
      backend: id,
      phase: 'headers',
      status,
    });
  }

  return {
    specificationVersion: 'v1',
    id,
    kind: dialect.kind,
    describe: (options) => dialect.describe(connection, options),
    probe: (options) => dialect.probe(connection, options),
    doGenerate,
    doStream,
  };
}
