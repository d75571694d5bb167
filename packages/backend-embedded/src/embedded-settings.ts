import { InvalidConfigError } from '@switchyard/core';
import type { SpecializedChatWrapperTypeName } from 'node-llama-cpp';

/**
 * How the chat messages become a prompt:
 * - `auto` (default): the GGUF's own chat template (node-llama-cpp runs an equivalent built-in
 *   formatter when it recognises the template, else the Jinja template itself); a GGUF without a
 *   template falls back to `plain`, and `describe()`/`warnings` say so.
 * - `jinja`: always render the GGUF's Jinja template as it is.
 * - `plain`: no chat format — the message texts joined by blank lines, and the model continues
 *   the text. For base models such as stories260K.
 * - a node-llama-cpp formatter name (`chatML`, `llama3.1`, `mistral`, `gemma`, `qwen`, …) to force it.
 */
export type EmbeddedChatTemplate = 'auto' | 'jinja' | 'plain' | SpecializedChatWrapperTypeName;

/** Which compute backend llama.cpp may use. `false` (default) = CPU only, never touches a GPU. */
export type EmbeddedGpu = false | 'auto' | 'cuda' | 'vulkan' | 'metal';

/** Settings of `createEmbedded`. */
export type EmbeddedSettings = {
  /** Backend id used in routes and errors (default `embedded`). */
  readonly id?: string;
  /** Path of the GGUF model file. Read when the model first loads, never at construction. */
  readonly modelPath: string;
  /**
   * Context window per request, in tokens (prompt + output). Default: the model's training
   * context, capped at 8192. llama.cpp may round it up to a multiple of 256.
   */
  readonly contextSize?: number;
  /**
   * CPU threads for evaluation (default 1). On small shared machines more threads than idle
   * cores make ggml's thread pool stall; raise it only on dedicated cores.
   */
  readonly threads?: number;
  /** GPU use (default `false`: CPU only). */
  readonly gpu?: EmbeddedGpu;
  /** Prompt format (default `auto`: the GGUF's chat template). */
  readonly chatTemplate?: EmbeddedChatTemplate;
  /**
   * Requests generated at once, each on its own context sequence (default 1). Further requests
   * wait in arrival order. Each sequence holds a full `contextSize` KV cache, so memory grows
   * with this number.
   */
  readonly maxConcurrency?: number;
  /** Temperature when the request sets none (default 0.8, as llama-server). */
  readonly defaultTemperature?: number;
};

/** Settings with every default applied. */
export type ResolvedEmbeddedSettings = {
  readonly id: string;
  readonly modelPath: string;
  readonly contextSize: number | undefined;
  readonly threads: number;
  readonly gpu: EmbeddedGpu;
  readonly chatTemplate: EmbeddedChatTemplate;
  readonly maxConcurrency: number;
  readonly defaultTemperature: number;
};

/** Largest default context window, so a 128k-context model does not reserve a 128k KV cache. */
export const defaultMaxContextSize = 8192;

/**
 * Applies defaults and checks the settings (no I/O: a missing model file is reported on first use).
 *
 * @example
 * const settings = resolveEmbeddedSettings({ modelPath: 'models/tiny-chatml.gguf' });
 * settings.threads; // 1
 */
export function resolveEmbeddedSettings(settings: EmbeddedSettings): ResolvedEmbeddedSettings {
  const problems: string[] = [];
  if (typeof settings.modelPath !== 'string' || settings.modelPath.trim() === '') {
    problems.push('modelPath: must be the path of a GGUF file');
  }
  checkPositiveInteger(problems, 'contextSize', settings.contextSize);
  checkPositiveInteger(problems, 'threads', settings.threads);
  checkPositiveInteger(problems, 'maxConcurrency', settings.maxConcurrency);
  const temperature = settings.defaultTemperature;
  if (temperature !== undefined && !(temperature >= 0 && temperature <= 2)) {
    problems.push('defaultTemperature: must be between 0 and 2');
  }
  if (problems.length > 0) {
    throw new InvalidConfigError({
      message: `Invalid embedded backend settings: ${problems.join('; ')}`,
      issues: problems,
    });
  }
  return {
    id: settings.id ?? 'embedded',
    modelPath: settings.modelPath,
    contextSize: settings.contextSize,
    threads: settings.threads ?? 1,
    gpu: settings.gpu ?? false,
    chatTemplate: settings.chatTemplate ?? 'auto',
    maxConcurrency: settings.maxConcurrency ?? 1,
    defaultTemperature: settings.defaultTemperature ?? 0.8,
  };
}

function checkPositiveInteger(problems: string[], name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
    problems.push(`${name}: must be a positive integer`);
  }
}
