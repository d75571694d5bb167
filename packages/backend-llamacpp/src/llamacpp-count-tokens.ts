import type { DialectContext } from '@switchyard/backend-kit';
import { BackendCallError } from '@switchyard/core';

/**
 * Counts tokens exactly with the server's own tokenizer: `POST /tokenize {content}` →
 * `{tokens: [...]}`. Special-token text such as `<|im_start|>` counts as one control token, as
 * llama-server parses it by default.
 *
 * @example
 * await countLlamaCppTokens(context, 'http://127.0.0.1:8080', 'Hello world!'); // → 3
 */
export async function countLlamaCppTokens(
  context: DialectContext,
  root: string,
  text: string,
  options: { signal?: AbortSignal } = {},
): Promise<number> {
  const { data, status } = await context.http.json<{ tokens?: unknown }>(`${root}/tokenize`, {
    body: { content: text },
    signal: options.signal,
  });
  if (!Array.isArray(data.tokens)) {
    throw new BackendCallError({
      message: 'llama-server /tokenize answered without a tokens array',
      code: 'invalid-output',
      backend: context.id,
      phase: 'headers',
      status,
    });
  }
  return data.tokens.length;
}
