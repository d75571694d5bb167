import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { BackendCallError } from '@switchyard/core';
import type { Llama, LlamaChat, LlamaContext, LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import type { ResponseGrammarCache } from './create-response-grammar.js';
import { defaultMaxContextSize, type ResolvedEmbeddedSettings } from './embedded-settings.js';
import { quantizationOf } from './gguf-quantization.js';
import { type PromptFormat, resolvePromptFormat } from './resolve-prompt-format.js';
import { acquireLlama, releaseLlama } from './shared-llama.js';
import { SlotPool } from './slot-pool.js';

/** One context sequence and the chat driver bound to it: what one request runs on. */
export type GenerationSlot = { readonly sequence: LlamaContextSequence; readonly chat: LlamaChat };

/** A model loaded in this process, ready to generate. */
export type EmbeddedModel = {
  readonly llama: Llama;
  readonly model: LlamaModel;
  readonly context: LlamaContext;
  /** The model's id: its file name. */
  readonly modelId: string;
  /** Tokens per request (prompt + output), as llama.cpp created the context. */
  readonly contextSize: number;
  readonly quantization: string | null;
  readonly sizeBytes: number;
  readonly promptFormat: PromptFormat;
  readonly slots: SlotPool<GenerationSlot>;
  readonly grammarCache: ResponseGrammarCache;
  /** Milliseconds the load took. */
  readonly loadMs: number;
  dispose(): Promise<void>;
};

/**
 * Loads the GGUF model in-process with node-llama-cpp: the shared CPU runtime (never a download
 * or a build), the model, one context with `maxConcurrency` sequences of `contextSize` tokens
 * each, and the prompt format. Failures become a `BackendCallError` (phase `connect`):
 * `model-not-found` when the file is missing, `unavailable` (not retryable) when the runtime or
 * the model cannot load.
 *
 * @example
 * const loaded = await loadEmbeddedModel(resolveEmbeddedSettings({ modelPath: 'models/tiny-chatml.gguf' }));
 */
export async function loadEmbeddedModel(settings: ResolvedEmbeddedSettings): Promise<EmbeddedModel> {
  const startedAt = performance.now();
  const fail = (code: 'model-not-found' | 'unavailable', message: string, cause?: unknown) =>
    new BackendCallError({
      message,
      code,
      backend: settings.id,
      phase: 'connect',
      isRetryable: false,
      cause,
    });

  const sizeBytes = await stat(settings.modelPath).then(
    (stats) => (stats.isFile() ? stats.size : undefined),
    () => undefined,
  );
  if (sizeBytes === undefined) {
    throw fail(
      'model-not-found',
      `Embedded model file not found: ${settings.modelPath} (settings.modelPath)`,
    );
  }

  const nodeLlamaCpp = await import('node-llama-cpp');
  let llama: Llama;
  try {
    llama = await acquireLlama(settings.gpu);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw fail(
      'unavailable',
      `node-llama-cpp could not start llama.cpp (gpu: ${String(settings.gpu)}): ${detail}. ` +
        `The CPU build comes from the @node-llama-cpp/${process.platform}-${process.arch} package; nothing is downloaded or built at run time.`,
      error,
    );
  }

  let model: LlamaModel | undefined;
  let context: LlamaContext | undefined;
  try {
    model = await llama.loadModel({
      modelPath: settings.modelPath,
      gpuLayers: settings.gpu === false ? 0 : 'auto',
    });
    const contextSize = settings.contextSize ?? Math.min(model.trainContextSize, defaultMaxContextSize);
    context = await model.createContext({
      contextSize,
      sequences: settings.maxConcurrency,
      threads: settings.threads,
    });
    const promptFormat = await resolvePromptFormat(model, settings.chatTemplate, nodeLlamaCpp);
    const slots: GenerationSlot[] = [];
    for (let index = 0; index < settings.maxConcurrency; index += 1) {
      const sequence = context.getSequence();
      slots.push({
        sequence,
        chat: new nodeLlamaCpp.LlamaChat({
          contextSequence: sequence,
          chatWrapper: promptFormat.chatWrapper,
        }),
      });
    }
    const loadedModel = model;
    const loadedContext = context;
    return {
      llama,
      model,
      context,
      modelId: basename(settings.modelPath),
      contextSize: context.contextSize,
      quantization: quantizationOf(model.fileInfo, nodeLlamaCpp),
      sizeBytes,
      promptFormat,
      slots: new SlotPool(slots),
      grammarCache: new Map(),
      loadMs: performance.now() - startedAt,
      async dispose() {
        for (const slot of slots) slot.chat.dispose({ disposeSequence: true });
        await loadedContext.dispose();
        await loadedModel.dispose();
        await releaseLlama(settings.gpu);
      },
    };
  } catch (error) {
    await context?.dispose().catch(() => undefined);
    await model?.dispose().catch(() => undefined);
    await releaseLlama(settings.gpu);
    const detail = error instanceof Error ? error.message : String(error);
    throw fail('unavailable', `Embedded model ${settings.modelPath} failed to load: ${detail}`, error);
  }
}
