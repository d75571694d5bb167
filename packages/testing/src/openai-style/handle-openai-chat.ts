import type { EmulatorKind, EmulatorModel } from '../emulator/emulator.js';
import { estimateTokens } from '../emulator/estimate-tokens.js';
import type { Exchange, Headers } from '../emulator/exchange.js';
import { type Reply, resolveReply, type UsageReport } from '../emulator/resolve-reply.js';
import { sendJsonReply } from '../emulator/send-json-reply.js';
import type { EmulatorStats } from '../emulator/start-emulator-server.js';
import { type StreamFrame, writeStream } from '../emulator/write-stream.js';
import type { JsonSchema } from '../json-schema/resolve-schema.js';
import { openAIChunkFrames } from './openai-chunk-frames.js';
import { type CompletionIdentity, openAICompletion } from './openai-completion.js';
import { type OpenAIChat, type OpenAIChatProblem, readOpenAIChat } from './read-openai-chat.js';

/** The structured output a request asked for, as the backend understood it. */
export type StructuredOutputRequest = { readonly schema?: JsonSchema; readonly json: boolean };

/** Numbers for a context-window check. */
export type ContextCheck = {
  readonly promptTokens: number;
  readonly maxTokens: number | undefined;
  readonly contextWindow: number;
};

/** Where an OpenAI-compatible backend differs from the others. Every `answer…` writes the response. */
export type OpenAIDialect = {
  readonly kind: EmulatorKind;
  readonly replyText: string;
  readonly stats: EmulatorStats;
  readonly answerInvalidJson: (exchange: Exchange) => void;
  readonly answerBadBody: (exchange: Exchange, problem: OpenAIChatProblem) => void;
  /** The model to serve (and the name to answer with), or `undefined` after answering a 404. */
  readonly resolveModel: (
    exchange: Exchange,
    chat: OpenAIChat,
  ) => { readonly model: EmulatorModel; readonly responseModel: string } | undefined;
  /** Rewrites the request as the backend reads it (Ollama's layer drops `tool_choice`…). */
  readonly adjust?: (chat: OpenAIChat) => OpenAIChat;
  /** Silently truncates an over-long prompt instead of failing (Ollama); skips `checkContext`. */
  readonly truncatesPrompt?: boolean;
  /** Extra request checks; return false after answering an error. */
  readonly validate?: (exchange: Exchange, chat: OpenAIChat) => boolean;
  /** The structured output requested, or `undefined` after answering a rejection. */
  readonly structuredOutput: (exchange: Exchange, chat: OpenAIChat) => StructuredOutputRequest | undefined;
  /** Answers and returns false when the prompt does not fit. */
  readonly checkContext: (exchange: Exchange, check: ContextCheck) => boolean;
  readonly contextWindow: (model: EmulatorModel) => number;
  /** The response `id` for the n-th request. */
  readonly responseId: (sequence: number) => string;
  readonly toolCallIdPrefix: string;
  readonly usage: (report: UsageReport, model: EmulatorModel) => Record<string, unknown> | undefined;
  /** Whether a stream ends with a usage chunk. */
  readonly streamUsage: (chat: OpenAIChat) => boolean;
  readonly nullUsageOnChunks?: (chat: OpenAIChat) => boolean;
  readonly completionExtra?: (
    reply: Reply,
    model: EmulatorModel,
  ) => {
    readonly extra?: Readonly<Record<string, unknown>>;
    readonly messageExtra?: Readonly<Record<string, unknown>>;
    readonly choiceExtra?: Readonly<Record<string, unknown>>;
  };
  readonly chunkExtra?: (
    reply: Reply,
    model: EmulatorModel,
  ) => {
    readonly extra?: Readonly<Record<string, unknown>>;
    readonly finishChoiceExtra?: Readonly<Record<string, unknown>>;
  };
  /** Frames sent before the first chunk (OpenRouter's `: OPENROUTER PROCESSING`). */
  readonly leadingFrames?: readonly StreamFrame[];
  readonly responseHeaders?: (exchange: Exchange, reply: Reply, stream: boolean) => Headers;
  readonly errorFrames: (message: string, identity: CompletionIdentity) => readonly string[];
  readonly generationError: (
    message: string,
    identity: CompletionIdentity,
  ) => { readonly status: number; readonly body: unknown };
  readonly defaultErrorMessage: string;
};

/**
 * Serves `POST …/chat/completions` for an OpenAI-compatible backend, with the dialect's own
 * validation, error bodies, usage placement and stream details.
 *
 * @example
 * route: (method, path) => (method === 'POST' && path === '/v1/chat/completions' ? (exchange) => handleOpenAIChat(exchange, dialect) : undefined)
 */
export async function handleOpenAIChat(exchange: Exchange, dialect: OpenAIDialect): Promise<void> {
  if (exchange.body === undefined && exchange.record.rawBody.trim() !== '')
    return dialect.answerInvalidJson(exchange);
  const read = readOpenAIChat(exchange.body);
  if ('problem' in read) return dialect.answerBadBody(exchange, read.problem);
  const chat = dialect.adjust?.(read) ?? read;
  const served = dialect.resolveModel(exchange, chat);
  if (served === undefined) return;
  if (dialect.validate !== undefined && !dialect.validate(exchange, chat)) return;
  const output = dialect.structuredOutput(exchange, chat);
  if (output === undefined) return;
  const contextWindow = dialect.contextWindow(served.model);
  let promptTokens = estimateTokens(chat.promptText);
  if (dialect.truncatesPrompt === true) promptTokens = Math.min(promptTokens, contextWindow);
  else if (!dialect.checkContext(exchange, { promptTokens, maxTokens: chat.maxTokens, contextWindow }))
    return;
  const reply = await resolveReply(
    {
      kind: dialect.kind,
      model: served.responseModel,
      messages: chat.messages,
      tools: chat.tools,
      toolChoice: chat.toolChoice,
      schema: output.schema,
      json: output.json,
      stream: chat.stream,
      maxTokens: chat.maxTokens,
      request: exchange.record,
    },
    { responder: exchange.responder, replyText: dialect.replyText, promptTokens, fault: exchange.fault },
  );
  dialect.stats.promptTokens += reply.inputTokens;
  dialect.stats.generationTokens += reply.outputTokens;
  dialect.stats.succeeded += 1;
  const identity: CompletionIdentity = {
    id: dialect.responseId(exchange.sequence),
    created: Math.floor(Date.now() / 1000),
    model: served.responseModel,
    toolCallId: (index) => `${dialect.toolCallIdPrefix}${exchange.sequence}_${index}`,
  };
  const headers = dialect.responseHeaders?.(exchange, reply, chat.stream) ?? {};
  if (chat.stream) {
    const frames = openAIChunkFrames(identity, reply, {
      usage: dialect.streamUsage(chat) ? dialect.usage(reply.usage, served.model) : undefined,
      nullUsageOnChunks: dialect.nullUsageOnChunks?.(chat) ?? false,
      ...dialect.chunkExtra?.(reply, served.model),
    });
    return writeStream(exchange, {
      contentType: 'text/event-stream; charset=utf-8',
      headers: { 'cache-control': 'no-cache', ...headers },
      frames: [...(dialect.leadingFrames ?? []), ...frames],
      errorFrames: (message) => dialect.errorFrames(message, identity),
      defaultErrorMessage: dialect.defaultErrorMessage,
    });
  }
  const completion = openAICompletion(identity, reply, {
    usage: dialect.usage(reply.usage, served.model),
    ...dialect.completionExtra?.(reply, served.model),
  });
  sendJsonReply(exchange, completion, {
    headers,
    generationError: (message) => dialect.generationError(message, identity),
    defaultErrorMessage: dialect.defaultErrorMessage,
  });
}
