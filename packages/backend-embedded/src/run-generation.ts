import type { CallTiming, FinishReason, NormalizedUsage } from '@switchyard/core';
import type { ChatHistoryItem, LlamaChatResponse, LlamaGrammar, Token } from 'node-llama-cpp';
import { EmbeddedRequestError } from './embedded-call-error.js';
import type { EmbeddedModel, GenerationSlot } from './load-embedded-model.js';
import type { GenerationOptions } from './to-generation-options.js';

/** A request ready to run: its prompt tokenized and checked against the context window. */
export type PreparedGeneration = {
  readonly history: ChatHistoryItem[];
  readonly promptTokens: readonly Token[];
  readonly options: GenerationOptions;
  readonly grammar: LlamaGrammar | undefined;
  /** Most tokens to generate: the request's `max_tokens`, capped by the room left in the window. */
  readonly maxTokens: number;
};

/** What one generation produced. */
export type GenerationOutcome = {
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly usage: NormalizedUsage;
  readonly timing: CallTiming;
};

/**
 * Renders the prompt with the model's prompt format and counts its tokens. Throws an
 * `EmbeddedRequestError` with code `context-length-exceeded` when the prompt leaves no room to
 * generate in the context window (the prompt is never truncated); otherwise output is capped at
 * the room left, as llama-server does (finish reason `length` at the window's end).
 *
 * @example
 * const prepared = prepareGeneration(loaded, toChatHistory(request.messages), options, grammar);
 */
export function prepareGeneration(
  loaded: EmbeddedModel,
  history: ChatHistoryItem[],
  options: GenerationOptions,
  grammar: LlamaGrammar | undefined,
): PreparedGeneration {
  const { contextText } = loaded.promptFormat.chatWrapper.generateContextState({ chatHistory: history });
  const promptTokens = contextText.tokenize(loaded.model.tokenizer);
  const room = loaded.contextSize - promptTokens.length;
  if (room < 1) {
    throw new EmbeddedRequestError(
      'context-length-exceeded',
      `The prompt is ${promptTokens.length} tokens; the embedded model's context window is ${loaded.contextSize} tokens ` +
        '(prompt and output together; settings.contextSize)',
    );
  }
  return {
    history,
    promptTokens,
    options,
    grammar,
    maxTokens: Math.min(options.maxTokens ?? room, room),
  };
}

/**
 * Generates on one slot. `onText` receives the visible text as it is produced (stop strings and
 * grammar terminators are held back and never emitted). Aborting `signal` stops generation
 * within a token and rejects with the signal's reason; the slot stays usable.
 *
 * Usage: `inputTokens` is the whole prompt, `cachedInputTokens` the prefix already in the
 * sequence from the previous request (at least one token is always evaluated again), and
 * `outputTokens` every sampled token, the end-of-generation token included (as llama-server
 * counts). Timing: `promptMs` runs to the first sampled token.
 *
 * @example
 * const outcome = await runGeneration(slot, prepared, { signal, startedAt, onText: (text) => push(text) });
 */
export async function runGeneration(
  slot: GenerationSlot,
  prepared: PreparedGeneration,
  call: {
    readonly signal: AbortSignal;
    readonly startedAt: number;
    readonly onText?: (text: string) => void;
  },
): Promise<GenerationOutcome> {
  const { sequence, chat } = slot;
  const cachedInputTokens = Math.min(
    commonPrefixLength(sequence.contextTokens, prepared.promptTokens),
    prepared.promptTokens.length - 1,
  );
  const outputBefore = sequence.tokenMeter.usedOutputTokens;
  const generationStartedAt = performance.now();
  let firstTokenAt: number | undefined;
  let firstTextAt: number | undefined;
  const { options } = prepared;
  const response: LlamaChatResponse = await chat.generateResponse(prepared.history, {
    maxTokens: prepared.maxTokens,
    temperature: options.temperature,
    topK: options.topK,
    topP: options.topP,
    minP: options.minP,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    repeatPenalty: options.repeatPenalty,
    ...(options.stopStrings.length === 0 ? {} : { customStopTriggers: options.stopStrings }),
    ...(prepared.grammar === undefined ? {} : { grammar: prepared.grammar }),
    signal: call.signal,
    stopOnAbortSignal: false,
    contextShift: { strategy: refuseContextShift },
    onToken: () => {
      firstTokenAt ??= performance.now();
    },
    onTextChunk: (text) => {
      if (text === '') return;
      firstTextAt ??= performance.now();
      call.onText?.(text);
    },
  });
  const finishedAt = performance.now();
  const outputTokens = sequence.tokenMeter.usedOutputTokens - outputBefore;
  const generationMs = firstTokenAt === undefined ? 0 : finishedAt - firstTokenAt;
  return {
    text: response.response,
    finishReason: response.metadata.stopReason === 'maxTokens' ? 'length' : 'stop',
    usage: {
      inputTokens: prepared.promptTokens.length,
      outputTokens,
      cachedInputTokens,
      reasoningTokens: 0,
    },
    timing: {
      durationMs: finishedAt - call.startedAt,
      ...(firstTextAt === undefined ? {} : { timeToFirstTokenMs: firstTextAt - call.startedAt }),
      ...(firstTokenAt === undefined ? {} : { promptMs: firstTokenAt - generationStartedAt }),
      generationMs,
      ...(generationMs > 0 && outputTokens > 1
        ? { outputTokensPerSecond: ((outputTokens - 1) * 1000) / generationMs }
        : {}),
    },
  };
}

/** The prompt was checked to fit, so node-llama-cpp must never drop history to make room. */
function refuseContextShift(): never {
  throw new EmbeddedRequestError(
    'context-length-exceeded',
    "The conversation no longer fits the embedded model's context window",
  );
}

/**
 * How many leading tokens two token lists share.
 *
 * @example
 * commonPrefixLength([1, 2, 3], [1, 2, 4]); // 2
 */
export function commonPrefixLength(left: readonly Token[], right: readonly Token[]): number {
  const limit = Math.min(left.length, right.length);
  let index = 0;
  while (index < limit && left[index] === right[index]) index += 1;
  return index;
}
