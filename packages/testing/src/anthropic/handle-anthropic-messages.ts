import type { EmulatorModel } from '../emulator/emulator.js';
import { estimateTokens } from '../emulator/estimate-tokens.js';
import type { Exchange } from '../emulator/exchange.js';
import { resolveReply } from '../emulator/resolve-reply.js';
import { sendJsonReply } from '../emulator/send-json-reply.js';
import type { EmulatorStats } from '../emulator/start-emulator-server.js';
import { writeStream } from '../emulator/write-stream.js';
import { anthropicError } from './anthropic-error.js';
import { anthropicStreamFrames } from './anthropic-stream-frames.js';
import { anthropicUsage } from './anthropic-usage.js';
import { readAnthropicRequest } from './read-anthropic-request.js';

/** What the Messages handler needs from its emulator. */
export type AnthropicContext = {
  readonly models: readonly EmulatorModel[];
  readonly replyText: string;
  readonly stats: EmulatorStats;
  readonly contextWindow: (model: EmulatorModel) => number;
  readonly requestId: (exchange: Exchange) => string;
};

/**
 * Serves `POST /v1/messages`: validation as the API words it, 404 for unknown models, 400 "prompt
 * is too long" / "input length and `max_tokens` exceed context limit", structured output through
 * `output_config.format` (or the beta `output_format`) or a forced tool, usage in `message_start`
 * and `message_delta` when streaming, `event: error` `overloaded_error` for in-stream failures.
 *
 * @example
 * route: (method, path) => (path === '/v1/messages' ? (exchange) => handleAnthropicMessages(exchange, context) : undefined)
 */
export async function handleAnthropicMessages(exchange: Exchange, context: AnthropicContext): Promise<void> {
  const requestId = context.requestId(exchange);
  const fail = (status: number, message: string) =>
    exchange.json(status, anthropicError(status, message, requestId), { 'request-id': requestId });
  if (exchange.body === undefined)
    return fail(400, 'There was an error parsing the body of your request: invalid JSON');
  const request = readAnthropicRequest(exchange.body);
  if ('problem' in request) return fail(400, request.problem);
  const model = context.models.find((candidate) => candidate.id === request.model);
  if (model === undefined) return fail(404, `model: ${request.model}`);
  const window = context.contextWindow(model);
  const inputTokens = estimateTokens(request.promptText);
  if (inputTokens > window) return fail(400, `prompt is too long: ${inputTokens} tokens > ${window} maximum`);
  if (inputTokens + request.maxTokens > window) {
    return fail(
      400,
      `input length and \`max_tokens\` exceed context limit: ${inputTokens} + ${request.maxTokens} > ${window}, decrease input length or \`max_tokens\` and try again`,
    );
  }
  const reply = await resolveReply(
    {
      kind: 'anthropic',
      model: model.id,
      messages: request.messages,
      tools: request.tools,
      toolChoice: request.toolChoice,
      schema: request.schema,
      json: request.schema !== undefined,
      stream: request.stream,
      maxTokens: request.maxTokens,
      request: exchange.record,
    },
    {
      responder: exchange.responder,
      replyText: context.replyText,
      promptTokens: inputTokens,
      fault: exchange.fault,
    },
  );
  context.stats.promptTokens += reply.inputTokens;
  context.stats.generationTokens += reply.outputTokens;
  context.stats.succeeded += 1;
  const id = `msg_emu${String(exchange.sequence).padStart(20, '0')}`;
  const stopReason = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use' }[reply.finishReason];
  const toolId = (index: number) => `toolu_emu${String(exchange.sequence).padStart(12, '0')}_${index}`;
  const headers = { 'request-id': requestId };
  const overloaded = (message: string) => anthropicError(529, message, requestId);
  if (request.stream) {
    return writeStream(exchange, {
      contentType: 'text/event-stream; charset=utf-8',
      headers: { 'cache-control': 'no-cache', ...headers },
      frames: anthropicStreamFrames({ id, model: model.id, stopReason, toolId }, reply),
      errorFrames: (message) => [
        `event: error\ndata: ${JSON.stringify({ type: 'error', error: overloaded(message).error })}\n\n`,
      ],
      defaultErrorMessage: 'Overloaded',
    });
  }
  const content: Record<string, unknown>[] = [];
  if (reply.text !== '' || reply.toolCalls.length === 0) content.push({ type: 'text', text: reply.text });
  for (const call of reply.toolCalls) {
    content.push({ type: 'tool_use', id: toolId(call.index), name: call.name, input: call.arguments });
  }
  const usage = anthropicUsage(reply.usage);
  const message = {
    id,
    type: 'message',
    role: 'assistant',
    model: model.id,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    ...(usage === undefined ? {} : { usage }),
  };
  sendJsonReply(exchange, message, {
    headers,
    generationError: (text) => ({ status: 529, body: overloaded(text) }),
    defaultErrorMessage: 'Overloaded',
  });
}
