import { BackendCallError } from '@switchyard/core';
import { readBodyChunks } from './read-body-chunks.js';
import { readResponseText } from './read-response-text.js';
import { requestFailure } from './request-failure.js';
import { type HttpContext, type HttpRequest, sendRequest } from './send-request.js';

/** Settings of {@link openStream}. */
export type OpenStreamOptions = {
  /** Longest silence between body chunks (and before the first), in ms. Default: no limit. */
  readonly idleTimeoutMs?: number;
  /** Called once when the first body bytes arrive. */
  readonly onFirstByte?: () => void;
};

/** An open streaming response. */
export type OpenedStream = {
  readonly response: Response;
  /** When the request was sent (`performance.now()` time base). */
  readonly startedAt: number;
  /**
   * The body's bytes. Read failures surface as `BackendCallError` with phase `stream`
   * (`aborted`, `timeout`, or `network` for a cut connection).
   */
  readonly chunks: AsyncIterable<Uint8Array>;
};

/**
 * Opens a streaming request. A non-2xx answer is read and thrown as a classified
 * `BackendCallError` (phase `headers`), so a caller only ever iterates a healthy stream.
 *
 * @example
 * const { chunks } = await openStream({ url, body, signal }, { backend: 'vllm' });
 * for await (const event of parseServerSentEvents(chunks)) console.log(event.data);
 */
export async function openStream(
  request: HttpRequest,
  context: HttpContext,
  options: OpenStreamOptions = {},
): Promise<OpenedStream> {
  const { response, startedAt } = await sendRequest(
    { ...request, headers: { accept: 'text/event-stream', ...request.headers } },
    context,
  );
  // A failed call is read to the end and thrown as the classified error its body describes.
  if (!response.ok) await readResponseText(response, request, context);
  const body = response.body;
  if (body === null) {
    throw new BackendCallError({
      message: `${request.url} answered ${response.status} without a body`,
      code: 'invalid-output',
      backend: context.backend,
      phase: 'headers',
      status: response.status,
    });
  }
  async function* chunks(): AsyncGenerator<Uint8Array, void, undefined> {
    try {
      yield* readBodyChunks(body as ReadableStream<Uint8Array>, {
        signal: request.signal,
        idleTimeoutMs: options.idleTimeoutMs,
        onFirstByte: options.onFirstByte,
      });
    } catch (error) {
      throw requestFailure(error, request, context, 'stream');
    }
  }
  return { response, startedAt, chunks: chunks() };
}
