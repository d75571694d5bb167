import { stat } from 'node:fs/promises';
import {
  type BackendCall,
  BackendCallError,
  type BackendDescription,
  type BackendErrorPhase,
  type BackendGenerateResult,
  type BackendStreamResult,
  type BackendV1,
  type ProbeResult,
  type StreamPart,
} from '@switchyard/core';
import { newCompletionIdentity, toChatCompletion, toChunk } from './completion-shapes.js';
import { createResponseGrammar } from './create-response-grammar.js';
import {
  describeLoadedModel,
  describeModelFile,
  type EmbeddedModelDescription,
} from './describe-embedded-model.js';
import { toEmbeddedCallError } from './embedded-call-error.js';
import { type EmbeddedSettings, resolveEmbeddedSettings } from './embedded-settings.js';
import { type EmbeddedModel, type GenerationSlot, loadEmbeddedModel } from './load-embedded-model.js';
import { PushQueue } from './push-queue.js';
import {
  commonPrefixLength,
  type PreparedGeneration,
  prepareGeneration,
  runGeneration,
} from './run-generation.js';
import { toChatHistory } from './to-chat-history.js';
import { toGenerationOptions } from './to-generation-options.js';

/** The embedded backend: a `BackendV1` whose `describe()` also tells the prompt format. */
export type EmbeddedBackend = Omit<BackendV1, 'kind' | 'describe' | 'warmUp' | 'close'> & {
  readonly kind: 'embedded';
  describe(options?: {
    signal?: AbortSignal;
  }): Promise<BackendDescription & { readonly models: readonly EmbeddedModelDescription[] }>;
  warmUp(model?: string, options?: { signal?: AbortSignal }): Promise<void>;
  close(): Promise<void>;
};

type ReadyCall = {
  readonly loaded: EmbeddedModel;
  readonly slot: GenerationSlot;
  readonly prepared: PreparedGeneration;
  readonly warnings: readonly string[];
  readonly signal: AbortSignal;
  readonly startedAt: number;
};

/**
 * Creates the in-process backend: a GGUF model run by llama.cpp through node-llama-cpp, with no
 * server. Construction does no I/O; the model loads on the first call or `warmUp()` (one shared
 * load, however many calls arrive at once) and stays loaded until `close()`.
 *
 * Requests run on `maxConcurrency` context sequences (default 1); more wait in arrival order.
 * `response_format` is enforced by grammar-constrained decoding; tools, images, `n` > 1 and
 * `logprobs` fail with code `unsupported`; a prompt that does not fit the context window fails
 * with `context-length-exceeded`. Aborting a call's signal stops generation within a token.
 *
 * @example
 * const backend = createEmbedded({ modelPath: 'models/tiny-chatml.gguf' });
 * const { completion } = await backend.doGenerate({
 *   model: 'tiny-chatml',
 *   request: { model: 'tiny-chatml', messages: [{ role: 'user', content: 'Hi' }] },
 * });
 * completion.choices[0]?.message.content; // 'Hello! I am a tiny test model.'
 * await backend.close();
 */
export function createEmbedded(settings: EmbeddedSettings): EmbeddedBackend {
  const resolved = resolveEmbeddedSettings(settings);
  const backend = resolved.id;
  const closing = new AbortController();
  const running = new Set<Promise<unknown>>();
  let loading: Promise<EmbeddedModel> | undefined;
  let loaded: EmbeddedModel | undefined;
  let lastLoadError: BackendCallError | undefined;

  const closedError = (phase: BackendErrorPhase = 'connect') =>
    new BackendCallError({
      message: `Embedded backend '${backend}' is closed`,
      code: 'unavailable',
      backend,
      phase,
      isRetryable: false,
    });
  /** Classifies a failure; a call cut short by `close()` is `unavailable`, not `aborted`. */
  const callError = (error: unknown, phase: BackendErrorPhase, signal?: AbortSignal) =>
    closing.signal.aborted && (error === closing.signal.reason || signal?.aborted === true)
      ? closedError(phase)
      : toEmbeddedCallError(error, { backend, phase, signal });

  function ensureLoaded(): Promise<EmbeddedModel> {
    if (closing.signal.aborted) return Promise.reject(closedError());
    loading ??= loadEmbeddedModel(resolved).then(
      async (model) => {
        if (closing.signal.aborted) {
          await model.dispose();
          throw closedError();
        }
        loaded = model;
        lastLoadError = undefined;
        return model;
      },
      (error: unknown) => {
        loading = undefined; // the next call tries again (the file may have appeared)
        lastLoadError = toEmbeddedCallError(error, { backend, phase: 'connect' });
        throw lastLoadError;
      },
    );
    return loading;
  }

  async function prepareCall(call: BackendCall): Promise<ReadyCall> {
    const startedAt = performance.now();
    const signal =
      call.signal === undefined ? closing.signal : AbortSignal.any([call.signal, closing.signal]);
    const model = await untilAborted(ensureLoaded(), signal).catch((error: unknown) => {
      throw callError(error, 'connect', signal);
    });
    try {
      const options = toGenerationOptions(call.request, resolved);
      const history = toChatHistory(call.request.messages);
      const format = await createResponseGrammar(
        model.llama,
        call.request.response_format,
        model.grammarCache,
      );
      const prepared = prepareGeneration(model, history, options, format.grammar);
      // Prefer the sequence that already holds the longest part of this prompt (multi-turn chats).
      const slot = await model.slots.acquire(signal, (candidate) =>
        commonPrefixLength(candidate.sequence.contextTokens, prepared.promptTokens),
      );
      const formatWarning = model.promptFormat.warning;
      const warnings = [
        ...(formatWarning === undefined ? [] : [formatWarning]),
        ...options.warnings,
        ...format.warnings,
      ];
      return { loaded: model, slot, prepared, warnings, signal, startedAt };
    } catch (error) {
      throw callError(error, 'headers', signal);
    }
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    running.add(promise);
    const forget = () => running.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  async function doGenerate(call: BackendCall): Promise<BackendGenerateResult> {
    const ready = await prepareCall(call);
    const generation = track(runGeneration(ready.slot, ready.prepared, ready));
    try {
      const outcome = await generation;
      const identity = newCompletionIdentity(ready.loaded.modelId);
      return {
        completion: toChatCompletion(identity, outcome.text, outcome.finishReason, outcome.usage),
        usage: outcome.usage,
        timing: outcome.timing,
        warnings: ready.warnings,
      };
    } catch (error) {
      // Nothing reached the caller yet, so the executor may still fail over: phase `headers`.
      throw callError(error, 'headers', ready.signal);
    } finally {
      ready.loaded.slots.release(ready.slot);
    }
  }

  async function doStream(call: BackendCall): Promise<BackendStreamResult> {
    const ready = await prepareCall(call);
    const cancel = new AbortController();
    const signal = AbortSignal.any([ready.signal, cancel.signal]);
    const queue = new PushQueue<StreamPart>(() =>
      cancel.abort(new Error('The stream consumer stopped reading')),
    );
    const identity = newCompletionIdentity(ready.loaded.modelId);
    queue.push({ type: 'chunk', chunk: toChunk(identity, { role: 'assistant', content: '' }) });
    const onText = (text: string) =>
      queue.push({ type: 'chunk', chunk: toChunk(identity, { content: text }) });
    const generation = track(
      runGeneration(ready.slot, ready.prepared, { signal, startedAt: ready.startedAt, onText }),
    );
    generation
      .then(
        (outcome) => {
          queue.push({ type: 'chunk', chunk: toChunk(identity, {}, outcome.finishReason) });
          queue.push({
            type: 'finish',
            finishReason: outcome.finishReason,
            usage: outcome.usage,
            timing: outcome.timing,
          });
          queue.end();
        },
        (error: unknown) => queue.fail(callError(error, 'stream', ready.signal)),
      )
      .finally(() => ready.loaded.slots.release(ready.slot));
    return { stream: queue, warnings: ready.warnings };
  }

  async function describe(options?: { signal?: AbortSignal }) {
    options?.signal?.throwIfAborted();
    const model = loaded === undefined ? await describeModelFile(resolved) : describeLoadedModel(loaded);
    return { backend, kind: 'embedded' as const, models: [model] };
  }

  async function probe(): Promise<ProbeResult> {
    const startedAt = performance.now();
    const result = (
      status: ProbeResult['status'],
      detail: string,
      load?: ProbeResult['load'],
    ): ProbeResult => ({
      status,
      latencyMs: performance.now() - startedAt,
      detail,
      ...(load === undefined ? {} : { load }),
    });
    if (closing.signal.aborted) return result('down', 'backend closed');
    if (loaded !== undefined) {
      const { slots } = loaded;
      return result('up', `${loaded.modelId} loaded`, {
        processing: slots.busy,
        queued: slots.waiting,
        slots: slots.size,
      });
    }
    if (loading !== undefined) return result('loading', `loading ${resolved.modelPath}`);
    if (lastLoadError !== undefined && lastLoadError.code !== 'model-not-found') {
      return result('down', lastLoadError.message);
    }
    const isFile = await stat(resolved.modelPath).then(
      (stats) => stats.isFile(),
      () => false,
    );
    return isFile
      ? result('up', `${resolved.modelPath} present; it loads on the first call`)
      : result('down', `model file not found: ${resolved.modelPath}`);
  }

  async function warmUp(_model?: string, options?: { signal?: AbortSignal }): Promise<void> {
    const signal =
      options?.signal === undefined ? closing.signal : AbortSignal.any([options.signal, closing.signal]);
    await untilAborted(ensureLoaded(), signal).catch((error: unknown) => {
      throw callError(error, 'connect', signal);
    });
  }

  async function close(): Promise<void> {
    if (closing.signal.aborted) return;
    const error = closedError();
    closing.abort(error);
    loaded?.slots.close(error);
    await Promise.allSettled([...running]);
    const model = await loading?.catch(() => undefined);
    loaded = undefined;
    await model?.dispose();
  }

  return {
    specificationVersion: 'v1',
    id: backend,
    kind: 'embedded',
    describe,
    doGenerate,
    doStream,
    probe,
    warmUp,
    close,
  } satisfies BackendV1;
}

/** Resolves or rejects with `promise`, or rejects with `signal.reason` as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined); // its own failure no longer matters to this caller
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
