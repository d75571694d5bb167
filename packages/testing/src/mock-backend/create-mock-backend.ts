import {
  type BackendCall,
  BackendCallError,
  type BackendDescription,
  type BackendGenerateResult,
  type BackendKind,
  type BackendStreamResult,
  type BackendV1,
  type ModelDescription,
  type ProbeResult,
  type StreamPart,
} from '@switchyard/core';
import { isContentChunk, mockChunks, mockCompletion, mockReply } from './mock-reply.js';
import type { MockCutStep, MockReplyStep, MockStep } from './mock-step.js';

/** One call the mock received. */
export type MockCall = {
  readonly method: 'generate' | 'stream';
  readonly call: BackendCall;
  /** The step that answered it. */
  readonly step: MockStep;
};

/** Settings of {@link createMockBackend}. */
export type MockBackendOptions = {
  readonly id?: string;
  readonly kind?: BackendKind;
  /** Steps answered in order, one per call; after them, `respond` or the default reply. */
  readonly script?: readonly MockStep[];
  /** Decides a call's step when the script is used up (`index` counts every call from 0). */
  readonly respond?: (call: BackendCall, index: number) => MockStep;
  /** Text of the default reply (default `Hello from mock backend.`). */
  readonly replyText?: string;
  /** What `describe()` reports (default one model, `mock-model`). */
  readonly models?: readonly ModelDescription[];
  /** What `probe()` reports (default up). */
  readonly probe?: ProbeResult | (() => ProbeResult);
};

/** A {@link BackendV1} for executor tests, with its call log and script controls. */
export type MockBackend = BackendV1 & {
  /** Every generate/stream call, in order. */
  readonly calls: MockCall[];
  /** Appends steps to the script. */
  enqueue(...steps: MockStep[]): void;
  /** Whether `close()` was called. */
  readonly closed: boolean;
};

/**
 * Creates an in-memory backend whose calls follow a script: replies (text, JSON, tool calls),
 * `BackendCallError`s with codes, delays, hangs and streams cut mid-way. For executor unit tests
 * that need no HTTP.
 *
 * @example
 * const backend = createMockBackend({
 *   script: [{ type: 'error', code: 'rate-limited', status: 429, retryAfterMs: 10 }, { type: 'reply', text: 'ok' }],
 * });
 * await expect(backend.doGenerate(call)).rejects.toMatchObject({ code: 'rate-limited' });
 * (await backend.doGenerate(call)).completion.choices[0].message.content; // 'ok'
 */
export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  const id = options.id ?? 'mock';
  const kind = options.kind ?? 'openai-compatible';
  const queue: MockStep[] = [...(options.script ?? [])];
  const calls: MockCall[] = [];
  const replyText = options.replyText ?? 'Hello from mock backend.';
  let closed = false;
  let index = 0;

  const nextStep = (method: MockCall['method'], call: BackendCall): MockStep => {
    const step = queue.shift() ?? options.respond?.(call, index) ?? { type: 'reply' };
    index += 1;
    calls.push({ method, call, step });
    return step;
  };
  const failure = (settings: ConstructorParameters<typeof BackendCallError>[0]) =>
    new BackendCallError(settings);
  const aborted = (phase: 'headers' | 'stream') =>
    failure({
      message: `call to '${id}' was aborted`,
      code: 'aborted',
      backend: id,
      phase,
      isRetryable: false,
    });
  const wait = async (
    ms: number | undefined,
    signal: AbortSignal | undefined,
    phase: 'headers' | 'stream',
  ) => {
    if (signal?.aborted) throw aborted(phase);
    if (ms === undefined || ms <= 0) return;
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(aborted(phase));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };
  const hang = (signal: AbortSignal | undefined) =>
    new Promise<never>((_resolve, reject) => {
      if (signal === undefined) return;
      if (signal.aborted) reject(aborted('headers'));
      signal.addEventListener('abort', () => reject(aborted('headers')), { once: true });
    });
  const preflight = async (step: MockStep, call: BackendCall) => {
    if (step.type === 'hang') return hang(call.signal);
    await wait(step.delayMs, call.signal, 'headers');
    if (step.type === 'error') {
      throw failure({
        message: step.message ?? `scripted ${step.code} error from '${id}'`,
        code: step.code,
        backend: id,
        phase: step.phase ?? 'headers',
        ...(step.status === undefined ? {} : { status: step.status }),
        ...(step.retryAfterMs === undefined ? {} : { retryAfterMs: step.retryAfterMs }),
        ...(step.isRetryable === undefined ? {} : { isRetryable: step.isRetryable }),
      });
    }
  };

  return {
    specificationVersion: 'v1',
    id,
    kind,
    calls,
    get closed() {
      return closed;
    },
    enqueue: (...steps) => {
      queue.push(...steps);
    },
    describe: async (): Promise<BackendDescription> => ({
      backend: id,
      kind,
      models: options.models ?? [{ id: 'mock-model' }],
    }),
    probe: async (): Promise<ProbeResult> =>
      typeof options.probe === 'function'
        ? options.probe()
        : (options.probe ?? { status: 'up', latencyMs: 0 }),
    close: async () => {
      closed = true;
    },
    doGenerate: async (call): Promise<BackendGenerateResult> => {
      const step = nextStep('generate', call);
      await preflight(step, call);
      if (step.type === 'cut') {
        throw failure({
          message: step.message ?? `'${id}' closed the connection before the body was complete`,
          code: step.code ?? 'network',
          backend: id,
          phase: 'headers',
        });
      }
      const reply = mockReply(step as MockReplyStep, call, replyText);
      return {
        completion: mockCompletion(call, reply, id),
        usage: reply.usage,
        timing: { durationMs: (step as MockReplyStep).delayMs ?? 0 },
        warnings: [],
      };
    },
    doStream: async (call): Promise<BackendStreamResult> => {
      const step = nextStep('stream', call);
      await preflight(step, call);
      const replyStep: MockReplyStep =
        step.type === 'cut'
          ? { type: 'reply', ...(step.text === undefined ? {} : { text: step.text }) }
          : (step as MockReplyStep);
      const reply = mockReply(replyStep, call, replyText);
      const cut = step.type === 'cut' ? step : undefined;
      const chunkDelayMs = (step as MockReplyStep | MockCutStep).chunkDelayMs;
      async function* parts(): AsyncGenerator<StreamPart> {
        let content = 0;
        let first = true;
        for (const chunk of mockChunks(call, reply, id)) {
          const finishing = chunk.choices[0]?.finish_reason !== null;
          if (cut !== undefined && (finishing || (isContentChunk(chunk) && content >= cut.afterChunks))) {
            throw failure({
              message:
                cut.message ?? `stream from '${id}' ended after ${content} chunks without a finish reason`,
              code: cut.code ?? 'network',
              backend: id,
              phase: 'stream',
            });
          }
          if (!first) await wait(chunkDelayMs, call.signal, 'stream');
          first = false;
          yield { type: 'chunk', chunk };
          if (isContentChunk(chunk)) content += 1;
        }
        yield {
          type: 'finish',
          finishReason: reply.finishReason,
          usage: reply.usage,
          timing: { durationMs: replyStep.delayMs ?? 0 },
        };
      }
      return { stream: parts(), warnings: [] };
    },
  };
}
