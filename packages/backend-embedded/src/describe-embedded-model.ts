import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { BackendCallError, type ModelDescription, type TargetCapabilities } from '@switchyard/core';
import { defaultMaxContextSize, type ResolvedEmbeddedSettings } from './embedded-settings.js';
import { quantizationOf } from './gguf-quantization.js';
import type { EmbeddedModel } from './load-embedded-model.js';
import { plainTextPromptWarning } from './resolve-prompt-format.js';

/** A model description with what the embedded backend adds: how prompts are built, and why. */
export type EmbeddedModelDescription = ModelDescription & {
  readonly contextWindow: number;
  readonly capabilities: TargetCapabilities;
  /** e.g. `chat template (ChatML)` or `plain text (no chat template in the GGUF)`. */
  readonly promptFormat: string;
  /** Things a caller should know, such as the plain-text fallback. */
  readonly warnings: readonly string[];
};

function capabilitiesOf(contextWindow: number): TargetCapabilities {
  return { contextWindow, tools: false, structuredOutput: 'native', vision: false };
}

/**
 * Describes a loaded model from what llama.cpp created.
 *
 * @example
 * describeLoadedModel(loaded).contextWindow; // 2048
 */
export function describeLoadedModel(loaded: EmbeddedModel): EmbeddedModelDescription {
  const warning = loaded.promptFormat.warning;
  return {
    id: loaded.modelId,
    contextWindow: loaded.contextSize,
    quantization: loaded.quantization,
    capabilities: capabilitiesOf(loaded.contextSize),
    loaded: true,
    sizeBytes: loaded.sizeBytes,
    promptFormat: loaded.promptFormat.description,
    warnings: warning === undefined ? [] : [warning],
  };
}

/**
 * Describes a model that is not loaded yet from its GGUF header alone (no model load, no native
 * code). The context window is the configured one, or the training context capped at 8192;
 * llama.cpp may round it up when it loads. Throws `BackendCallError` `model-not-found` for a
 * missing file.
 *
 * @example
 * await describeModelFile(resolveEmbeddedSettings({ modelPath: 'models/tiny-chatml.gguf' }));
 */
export async function describeModelFile(
  settings: ResolvedEmbeddedSettings,
): Promise<EmbeddedModelDescription> {
  const stats = await stat(settings.modelPath).catch(() => undefined);
  if (stats === undefined || !stats.isFile()) {
    throw new BackendCallError({
      message: `Embedded model file not found: ${settings.modelPath} (settings.modelPath)`,
      code: 'model-not-found',
      backend: settings.id,
      phase: 'connect',
      isRetryable: false,
    });
  }
  const nodeLlamaCpp = await import('node-llama-cpp');
  const fileInfo = await nodeLlamaCpp.readGgufFileInfo(settings.modelPath, {
    sourceType: 'filesystem',
    logWarnings: false,
  });
  const architecture = fileInfo.metadata.general?.architecture;
  const architectureMetadata = (fileInfo.metadata as Record<string, unknown>)[architecture ?? ''];
  const trainContext = (architectureMetadata as { context_length?: unknown } | undefined)?.context_length;
  const contextWindow =
    settings.contextSize ??
    Math.min(typeof trainContext === 'number' ? trainContext : defaultMaxContextSize, defaultMaxContextSize);
  const template = fileInfo.metadata.tokenizer?.chat_template;
  const hasTemplate = typeof template === 'string' && template.trim() !== '';
  const plain = settings.chatTemplate === 'plain' || (settings.chatTemplate === 'auto' && !hasTemplate);
  return {
    id: basename(settings.modelPath),
    contextWindow,
    quantization: quantizationOf(fileInfo, nodeLlamaCpp),
    capabilities: capabilitiesOf(contextWindow),
    loaded: false,
    sizeBytes: stats.size,
    promptFormat: plain
      ? `plain text (${hasTemplate ? 'chatTemplate: plain' : 'no chat template in the GGUF'})`
      : settings.chatTemplate === 'auto'
        ? 'chat template (the GGUF template; its formatter is picked when the model loads)'
        : `chatTemplate: ${settings.chatTemplate}`,
    warnings: plain && !hasTemplate ? [plainTextPromptWarning] : [],
  };
}
