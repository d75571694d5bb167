import { BackendCallError, type BackendErrorCode } from '../../errors/backend-call-error.js';
import type { ChatRequest } from '../../request/chat-request-schema.js';
import type {
  BackendCall,
  BackendGenerateResult,
  BackendStreamResult,
  BackendV1,
  NormalizedUsage,
  StreamPart,
} from '../../spec/backend.js';
import type { ChatCompletion, ChatCompletionChunk, FinishReason } from '../../spec/chat-completion.js';

/** What the fake does on one call. */
export type FakeStep =
  /** Answers with this text (streams: a role chunk, then the text in `pieces`, then finish). */
  | {
      readonly type: 'answer';
      readonly content?: string;
      readonly pieces?: readonly string[];
      readonly refusal?: string;
      readonly finishReason?: FinishReason;
      readonly usage?: Partial<NormalizedUsage>;
      /** Wait before answering (before the first part, for streams). */
      readonly delayMs?: number;
      /** Wait between streamed parts. */
      readonly pieceDelayMs?: number;
    }
  /** Fails with a classified error (streams: at `doStream`, before any part). */
  | {
      readonly type: 'error';
      readonly code: BackendErrorCode;
      readonly retryAfterMs?: number;
      readonly isRetryable?: boolean;
      readonly delayMs?: number;
    }
  /** Streams `pieces` (after a role-only chunk), then fails mid-stream. */
  | {
      readonly type: 'stream-error';
      readonly pieces: readonly string[];
      readonly code: BackendErrorCode;
      readonly pieceDelayMs?: number;
    }
  /** Never answers; with `ignoreSignal`, not even when aborted. */
  | { readonly type: 'hang'; readonly ignoreSignal?: boolean };

/** One call the fake received. */
export type FakeCall = {
  readonly method: 'generate' | 'stream';
  readonly request: ChatRequest;
  readonly model: string;
  readonly signal: AbortSignal | undefined;
};

/** A scripted in-memory backend. */
export type FakeBackend = BackendV1 & {
  readonly calls: FakeCall[];
  /** Streams whose reader went away (`return()` called) before they ended. */
  readonly closedStreams: number;
  /** Calls in flight now, and the most seen at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
};

const defaultUsage: NormalizedUsage = {
  inputTokens: 10,
  outputTokens: 5,
  cachedInputTokens: 0,
  reasoningTokens: 0,
};

/**
 * A backend that plays `script` one step per call (the last step repeats; an empty script
 * answers `answer from <id>`), records every call, and honours abort signals like a real adapter.
 *
 * @example
 * const local = createFakeBackend('local', [{ type: 'error', code: 'overloaded' }, { type: 'answer', content: 'hi' }]);
 */
export function createFakeBackend(id: string, script: readonly FakeStep[] = []): FakeBackend {
  const calls: FakeCall[] = [];
  let closedStreams = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const stepFor = (index: number): FakeStep =>
    script[Math.min(index, script.length - 1)] ?? { type: 'answer', content: `answer from ${id}` };

  const enter = () => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
  };
  const leave = () => {
    inFlight -= 1;
  };

  const backend: FakeBackend = {
    specificationVersion: 'v1',
    id,
    kind: 'openai-compatible',
    calls,
    get closedStreams() {
      return closedStreams;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    async describe() {
      return { backend: id, kind: 'openai-compatible', models: [] };
    },
    async probe() {
      return { status: 'up', latencyMs: 1 };
    },

    async doGenerate(call: BackendCall): Promise<BackendGenerateResult> {
      const step = stepFor(calls.length);
      calls.push({ method: 'generate', request: call.request, model: call.model, signal: call.signal });
      enter();
      try {
        if (step.type === 'hang') return await hang(call.signal, step.ignoreSignal === true, id);
        await delay(step.type === 'stream-error' ? 0 : (step.delayMs ?? 0), call.signal, id);
        if (step.type === 'error') throw errorOf(id, step.code, 'headers', step);
        if (step.type === 'stream-error') throw errorOf(id, step.code, 'headers', {});
        const content = step.content ?? (step.pieces ?? []).join('');
        return {
          completion: completionOf(call.model, content, step.finishReason ?? 'stop', step.refusal),
          usage: { ...defaultUsage, ...step.usage },
          timing: { durationMs: step.delayMs ?? 0 },
          warnings: [],
        };
      } finally {
        leave();
      }
    },

    async doStream(call: BackendCall): Promise<BackendStreamResult> {
      const step = stepFor(calls.length);
      calls.push({ method: 'stream', request: call.request, model: call.model, signal: call.signal });
      if (step.type === 'hang') return hang(call.signal, step.ignoreSignal === true, id);
      if (step.type === 'error') {
        await delay(step.delayMs ?? 0, call.signal, id);
        throw errorOf(id, step.code, 'headers', step);
      }
      const signal = call.signal;
      const streamed: Extract<FakeStep, { type: 'answer' | 'stream-error' }> = step;
      async function* parts(): AsyncGenerator<StreamPart> {
        const step = streamed;
        enter();
        let ended = false;
        try {
          if (step.type === 'answer') await delay(step.delayMs ?? 0, signal, id);
          yield { type: 'chunk', chunk: chunkOf(call.model, { role: 'assistant', content: '' }) };
          const pieces =
            step.type === 'answer' ? (step.pieces ?? [step.content ?? `answer from ${id}`]) : step.pieces;
          for (const piece of pieces) {
            if (step.pieceDelayMs !== undefined) await delay(step.pieceDelayMs, signal, id);
            yield { type: 'chunk', chunk: chunkOf(call.model, { content: piece }) };
          }
          if (step.type === 'stream-error') throw errorOf(id, step.code, 'stream', {});
          const finishReason = step.finishReason ?? 'stop';
          yield { type: 'chunk', chunk: chunkOf(call.model, {}, finishReason) };
          ended = true;
          yield {
            type: 'finish',
            finishReason,
            usage: { ...defaultUsage, ...step.usage },
            timing: { durationMs: 1, timeToFirstTokenMs: 1 },
          };
        } finally {
          if (!ended) closedStreams += 1;
          leave();
        }
      }
      return { stream: parts(), warnings: [] };
    },
  };
  return backend;
}

function errorOf(
  backend: string,
  code: BackendErrorCode,
  phase: 'headers' | 'stream',
  step: { readonly retryAfterMs?: number; readonly isRetryable?: boolean },
): BackendCallError {
  return new BackendCallError({
    message: `${backend} says ${code}`,
    code,
    backend,
    phase,
    ...(step.retryAfterMs === undefined ? {} : { retryAfterMs: step.retryAfterMs }),
    ...(step.isRetryable === undefined ? {} : { isRetryable: step.isRetryable }),
  });
}

function delay(milliseconds: number, signal: AbortSignal | undefined, backend: string): Promise<void> {
  if (milliseconds <= 0) {
    return signal?.aborted ? Promise.reject(abortedBy(backend)) : Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedBy(backend));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function hang<T>(signal: AbortSignal | undefined, ignoreSignal: boolean, backend: string): Promise<T> {
  return new Promise<T>((_resolve, reject) => {
    if (!ignoreSignal) signal?.addEventListener('abort', () => reject(abortedBy(backend)), { once: true });
  });
}

function abortedBy(backend: string): BackendCallError {
  return new BackendCallError({ message: 'aborted', code: 'aborted', backend, phase: 'stream' });
}

function completionOf(
  model: string,
  content: string,
  finishReason: FinishReason,
  refusal: string | undefined,
): ChatCompletion {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 0,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, ...(refusal === undefined ? {} : { refusal }) },
        finish_reason: finishReason,
      },
    ],
  };
}

function chunkOf(
  model: string,
  delta: ChatCompletionChunk['choices'][number]['delta'],
  finishReason: FinishReason | null = null,
): ChatCompletionChunk {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 0,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}
