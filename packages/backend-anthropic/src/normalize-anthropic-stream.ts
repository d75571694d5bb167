import { randomUUID } from 'node:crypto';
import {
  type CallTimer,
  type HttpContext,
  isRecord,
  type ServerSentEvent,
  streamFailure,
  toBackendCallError,
} from '@switchyard/backend-kit';
import type { ChatCompletionChunk, StreamPart } from '@switchyard/core';
import { anthropicFinishReason } from './anthropic-finish-reason.js';
import { anthropicUsage, mergeAnthropicUsage } from './anthropic-usage.js';
import type { AnthropicUsage } from './anthropic-wire.js';

/** Settings of {@link normalizeAnthropicStream}. */
export type AnthropicStreamOptions = {
  readonly errorContext: HttpContext;
  /** Started when the request was sent; marks the first token and finishes the timing. */
  readonly timer: CallTimer;
  /** Model name until `message_start` names it. */
  readonly model: string;
  /** The forced structured-output tool, whose streamed input is the JSON content. */
  readonly outputTool?: string;
};

type Delta = ChatCompletionChunk['choices'][number]['delta'];
type Block = {
  readonly kind: 'text' | 'thinking' | 'tool' | 'output' | 'other';
  readonly toolIndex: number;
  json: string;
};

/**
 * Turns the named SSE events of a Messages stream into Switchyard stream parts:
 * `message_start` → a role chunk (id, model, input usage); `text_delta` → content;
 * `thinking_delta` → reasoning; a `tool_use` block → an OpenAI tool call (`index`, `id`, `name`,
 * then its `input_json_delta` pieces as `arguments` fragments; `{}` when it had none) — or, for
 * the structured-output tool, the pieces as content; `message_delta` → the stop reason and the
 * cumulative usage; `message_stop` → the finish chunk and the `finish` part. `ping` and unknown
 * events are skipped. Throws `BackendCallError` (phase `stream`) for `event: error` (classified
 * like an HTTP error: `overloaded_error` → `overloaded`, retryable), for data that is not JSON,
 * and for a stream that ends without `message_stop`.
 *
 * @example
 * const parts = normalizeAnthropicStream(parseServerSentEvents(chunks), { errorContext: http, timer, model });
 */
export async function* normalizeAnthropicStream(
  events: AsyncIterable<ServerSentEvent>,
  options: AnthropicStreamOptions,
): AsyncGenerator<StreamPart, void, undefined> {
  const { errorContext, timer } = options;
  let id = `chatcmpl-${randomUUID()}`;
  let model = options.model;
  const created = Math.floor(Date.now() / 1000);
  let usage: AnthropicUsage | undefined;
  let stopReason: string | null | undefined;
  let sentRole = false;
  let toolCount = 0;
  let usedOutputTool = false;
  let eventCount = 0;
  const blocks = new Map<number, Block>();
  const chunk = (
    delta: Delta,
    finishReason: ChatCompletionChunk['choices'][number]['finish_reason'] = null,
  ) => {
    const withRole: Delta = sentRole ? delta : { role: 'assistant', ...delta };
    sentRole = true;
    if (
      (typeof delta.content === 'string' && delta.content !== '') ||
      delta.reasoning !== undefined ||
      delta.tool_calls !== undefined
    ) {
      timer.markFirstToken();
    }
    return {
      type: 'chunk' as const,
      chunk: {
        id,
        object: 'chat.completion.chunk' as const,
        created,
        model,
        choices: [{ index: 0, delta: withRole, finish_reason: finishReason }],
      },
    };
  };
  for await (const event of events) {
    eventCount += 1;
    let payload: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(event.data);
      payload = isRecord(parsed) ? parsed : {};
    } catch {
      if (event.event === 'error')
        throw toBackendCallError({ status: 200, body: event.data, phase: 'stream' }, errorContext);
      throw streamFailure(
        errorContext,
        'invalid-output',
        `event ${eventCount} of the Anthropic stream is not valid JSON`,
      );
    }
    const type = event.event ?? (typeof payload.type === 'string' ? payload.type : '');
    switch (type) {
      case 'message_start': {
        const message = record(payload.message);
        if (typeof message.id === 'string' && message.id !== '') id = message.id;
        if (typeof message.model === 'string' && message.model !== '') model = message.model;
        usage = mergeAnthropicUsage(usage, message.usage);
        if (!sentRole) yield chunk({ content: '' });
        break;
      }
      case 'content_block_start': {
        const index = numberOf(payload.index);
        const block = record(payload.content_block);
        const kind = blockKind(block, options.outputTool);
        const entry: Block = { kind, toolIndex: kind === 'tool' ? toolCount++ : -1, json: '' };
        blocks.set(index, entry);
        if (kind === 'output') usedOutputTool = true;
        if (kind === 'tool') {
          const toolId =
            typeof block.id === 'string' && block.id !== '' ? block.id : `call_${entry.toolIndex}`;
          const name = typeof block.name === 'string' ? block.name : '';
          yield chunk({
            tool_calls: [
              { index: entry.toolIndex, id: toolId, type: 'function', function: { name, arguments: '' } },
            ],
          });
        } else if (kind === 'text' && typeof block.text === 'string' && block.text !== '') {
          yield chunk({ content: block.text });
        }
        break;
      }
      case 'content_block_delta': {
        const entry = blocks.get(numberOf(payload.index));
        const delta = record(payload.delta);
        const piece = deltaOf(entry, delta);
        if (piece !== undefined) yield chunk(piece);
        break;
      }
      case 'content_block_stop': {
        const entry = blocks.get(numberOf(payload.index));
        // A tool called with no input streams no fragments: give consumers parseable arguments.
        if (entry?.json === '' && entry.kind === 'tool') {
          yield chunk({ tool_calls: [{ index: entry.toolIndex, function: { arguments: '{}' } }] });
        } else if (entry?.json === '' && entry.kind === 'output') {
          yield chunk({ content: '{}' });
        }
        break;
      }
      case 'message_delta': {
        const delta = record(payload.delta);
        if (typeof delta.stop_reason === 'string') stopReason = delta.stop_reason;
        usage = mergeAnthropicUsage(usage, payload.usage);
        break;
      }
      case 'message_stop': {
        const finishReason = anthropicFinishReason(stopReason, {
          answeredWithOutputTool: usedOutputTool && toolCount === 0,
        });
        yield chunk({}, finishReason);
        const normalized = anthropicUsage(usage);
        yield {
          type: 'finish',
          finishReason,
          usage: normalized,
          timing: timer.finish({ outputTokens: normalized.outputTokens }),
        };
        return;
      }
      case 'error':
        throw toBackendCallError({ status: 200, body: payload, phase: 'stream' }, errorContext);
      default:
        break; // `ping`, and events added to the API later
    }
  }
  throw streamFailure(
    errorContext,
    'network',
    `the Anthropic stream ended without message_stop (after ${eventCount} events)`,
  );
}

function blockKind(block: Record<string, unknown>, outputTool: string | undefined): Block['kind'] {
  switch (block.type) {
    case 'text':
      return 'text';
    case 'thinking':
      return 'thinking';
    case 'tool_use':
      return outputTool !== undefined && block.name === outputTool ? 'output' : 'tool';
    default:
      return 'other';
  }
}

function deltaOf(entry: Block | undefined, delta: Record<string, unknown>): Delta | undefined {
  if (delta.type === 'text_delta' && typeof delta.text === 'string' && delta.text !== '') {
    return { content: delta.text };
  }
  if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string' && delta.thinking !== '') {
    return { reasoning: delta.thinking };
  }
  if (delta.type !== 'input_json_delta' || typeof delta.partial_json !== 'string' || entry === undefined) {
    return undefined;
  }
  if (delta.partial_json === '') return undefined;
  entry.json += delta.partial_json;
  if (entry.kind === 'output') return { content: delta.partial_json };
  if (entry.kind === 'tool') {
    return { tool_calls: [{ index: entry.toolIndex, function: { arguments: delta.partial_json } }] };
  }
  return undefined;
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function numberOf(value: unknown): number {
  return typeof value === 'number' ? value : -1;
}
