import type { ChatRequest } from '@switchyard/core';
import { plainChatRequest } from '../workload/plain-chat-request.js';
import { createSeededRandom } from '../workload/seeded-random.js';
import { structuredOutputRequest } from '../workload/structured-output-request.js';
import { loadWorkloadSources } from '../workload/workload-sources.js';

/** A `generateObject` call built from a structured-output request: the request and its schema. */
export type ObjectInput = {
  /** The request without `response_format` (generateObject adds it). */
  readonly request: ChatRequest;
  /** The same request with `response_format` (what the adapter is called with directly). */
  readonly withFormat: ChatRequest;
  readonly schema: Record<string, unknown>;
  readonly name: string;
  readonly strict: boolean;
};

/** The requests the executor-overhead benchmark sends. */
export type ExecutorInputs = {
  /** Plain chat requests (real prompts), without `stream` or output caps. */
  readonly chat: readonly ChatRequest[];
  /** Structured-output requests with a JSON Schema, split for `generateObject`. */
  readonly objects: readonly ObjectInput[];
};

/**
 * Builds the benchmark's inputs from the workload generators: `count` plain chat requests (real
 * prompts from Arena-Hard and the routing sets) and `count` structured-output requests whose
 * `response_format` carries a JSON Schema (BFCL argument extraction). Sampling fields that would
 * change what is measured (`stream`, `stream_options`, output caps) are removed. Deterministic
 * for a seed; no routing hints, so every request can go to either benchmark target.
 *
 * @example
 * const { chat, objects } = buildExecutorInputs(sharedDataDirectory(), { count: 64, seed: 1 });
 */
export function buildExecutorInputs(
  sharedDir: string,
  options: { readonly count: number; readonly seed: number },
): ExecutorInputs {
  const sources = loadWorkloadSources(sharedDir);
  const random = createSeededRandom(options.seed);
  const chat: ChatRequest[] = [];
  while (chat.length < options.count) chat.push(plain(plainChatRequest(sources, random).request));
  const objects: ObjectInput[] = [];
  // About 85 % of structured requests carry a schema; the rest (json_object) are drawn past.
  for (let drawn = 0; objects.length < options.count && drawn < options.count * 20; drawn++) {
    const request = plain(structuredOutputRequest(sources, random).request);
    const format = request.response_format;
    if (format?.type !== 'json_schema' || format.json_schema.schema === undefined) continue;
    const { response_format: _format, ...rest } = request;
    objects.push({
      request: rest,
      withFormat: request,
      schema: format.json_schema.schema,
      name: format.json_schema.name,
      strict: format.json_schema.strict === true,
    });
  }
  if (objects.length < options.count) {
    throw new Error(`only ${objects.length} of ${options.count} structured requests carried a schema`);
  }
  return { chat, objects };
}

function plain(request: ChatRequest): ChatRequest {
  const {
    stream: _stream,
    stream_options: _streamOptions,
    max_tokens: _maxTokens,
    max_completion_tokens: _maxCompletionTokens,
    ...rest
  } = request;
  return rest;
}
