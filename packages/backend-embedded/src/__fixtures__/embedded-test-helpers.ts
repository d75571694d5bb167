import {
  BackendCallError,
  type BackendStreamResult,
  type ChatRequest,
  type StreamPart,
} from '@switchyard/core';

/** What tiny-chatml answers to every prompt. */
export const tinyAnswer = 'Hello! I am a tiny test model.';

/**
 * Inside a JSON string the tiny model can never reach its end-of-turn token, so it repeats its
 * answer until max_tokens: a long generation to abort or to fill a window.
 */
export const endlessString: ChatRequest['response_format'] = {
  type: 'json_schema',
  json_schema: { name: 'endless', schema: { type: 'object', properties: { text: { type: 'string' } } } },
};

/** A one-message user request. */
export function chat(content: string, extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'tiny-chatml', messages: [{ role: 'user', content }], ...extra };
}

/** Reads a whole stream. */
export async function collect(result: BackendStreamResult): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of result.stream) parts.push(part);
  return parts;
}

/** The content of a stream's chunks, joined. */
export function contentOf(parts: readonly StreamPart[]): string {
  return parts
    .map((part) => (part.type === 'chunk' ? (part.chunk.choices[0]?.delta.content ?? '') : ''))
    .join('');
}

/** The `BackendCallError` a promise rejects with (fails the test on anything else). */
export async function callError(promise: Promise<unknown>): Promise<BackendCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!BackendCallError.isInstance(error))
    throw new Error(`expected a BackendCallError, got ${String(error)}`);
  return error;
}
