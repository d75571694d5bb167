import {
  callJson,
  isRecord,
  openStream,
  parseServerSentEvents,
  startCallTimer,
  toBackendCallError,
} from '@switchyard/backend-kit';
import {
  type BackendCall,
  BackendCallError,
  type BackendGenerateResult,
  type BackendStreamResult,
  type BackendV1,
} from '@switchyard/core';
import { createAnthropicConnection } from './anthropic-connection.js';
import type { AnthropicSettings } from './anthropic-settings.js';
import { anthropicToChatCompletion } from './anthropic-to-chat-completion.js';
import { anthropicUsage } from './anthropic-usage.js';
import type { AnthropicMessageResponse } from './anthropic-wire.js';
import { checkAnthropicSettings } from './check-anthropic-settings.js';
import { type AnthropicDescription, describeAnthropic } from './describe-anthropic.js';
import { normalizeAnthropicStream } from './normalize-anthropic-stream.js';
import { probeAnthropic } from './probe-anthropic.js';
import { toAnthropicRequestBody } from './to-anthropic-request-body.js';

/** An Anthropic backend; `describe()` adds display names and release dates. */
export type AnthropicBackend = Omit<BackendV1, 'describe'> & {
  describe(options?: { signal?: AbortSignal }): Promise<AnthropicDescription>;
};

/**
 * Creates an adapter for Anthropic's Messages API (`POST /v1/messages`). OpenAI requests are
 * converted (system prompt, content blocks, tools, `tool_choice`, the required `max_tokens`,
 * structured output through `output_config.format` or a forced tool) and answers and named-event
 * streams mapped back to `chat.completion` objects and chunks, with cached input counted in the
 * prompt tokens. Construction does no I/O (invalid settings throw `InvalidConfigError`) and does
 * not need the key: it is read on each call from `apiKey` or `ANTHROPIC_API_KEY`, sent as
 * `x-api-key`, and never appears in errors or warnings.
 *
 * @example
 * const claude = createAnthropic({ defaultMaxTokens: 2048 });
 * const { completion, usage } = await claude.doGenerate({ request, model: 'claude-sonnet-5' });
 */
export function createAnthropic(settings: AnthropicSettings = {}): AnthropicBackend {
  checkAnthropicSettings(settings);
  const connection = createAnthropicConnection(settings);
  const { id } = connection;
  const messagesUrl = `${connection.root}/v1/messages`;

  function prepare(call: BackendCall, stream: boolean) {
    const warnings: string[] = [];
    const prepared = connection.prepare(call.headers);
    const converted = toAnthropicRequestBody(call.request, {
      model: call.model,
      stream,
      backend: id,
      settings,
      warnings,
    });
    return { ...converted, ...prepared, warnings };
  }

  async function doGenerate(call: BackendCall): Promise<BackendGenerateResult> {
    const { body, outputTool, headers, http, warnings } = prepare(call, false);
    const timer = startCallTimer();
    const { data, status } = await callJson<unknown>(
      { url: messagesUrl, body, headers, signal: call.signal },
      http,
    );
    const answer = isRecord(data) ? (data as AnthropicMessageResponse) : {};
    if (answer.type === 'error') throw toBackendCallError({ status, body: answer, phase: 'headers' }, http);
    if (!Array.isArray(answer.content)) {
      throw new BackendCallError({
        message: `Anthropic answered ${status} without a content array`,
        code: 'invalid-output',
        backend: id,
        phase: 'headers',
        status,
      });
    }
    const usage = anthropicUsage(answer.usage);
    const completion = anthropicToChatCompletion(answer, {
      model: call.model,
      usage,
      ...(outputTool === undefined ? {} : { outputTool }),
    });
    return { completion, usage, timing: timer.finish({ outputTokens: usage.outputTokens }), warnings };
  }

  async function doStream(call: BackendCall): Promise<BackendStreamResult> {
    const { body, outputTool, headers, http, warnings } = prepare(call, true);
    const timer = startCallTimer();
    const opened = await openStream({ url: messagesUrl, body, headers, signal: call.signal }, http, {
      idleTimeoutMs: settings.streamIdleTimeoutMs,
    });
    const stream = normalizeAnthropicStream(parseServerSentEvents(opened.chunks), {
      errorContext: http,
      timer,
      model: call.model,
      ...(outputTool === undefined ? {} : { outputTool }),
    });
    return { stream, warnings };
  }

  return {
    specificationVersion: 'v1',
    id,
    kind: 'anthropic',
    describe: (options) => describeAnthropic(connection, options),
    probe: (options) => probeAnthropic(connection, options),
    doGenerate,
    doStream,
  };
}
