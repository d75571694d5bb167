import { BackendCallError } from '@switchyard/core';
import { mapFetchError } from './map-fetch-error.js';
import { readBodyChunks } from './read-body-chunks.js';
import { type HttpContext, type HttpRequest, sendRequest } from './send-request.js';
import { toBackendCallError } from './to-backend-call-error.js';

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
  const failure = (error: unknown, phase: 'headers' | 'stream') =>
    mapFetchError(error, {
      backend: context.backend,
      url: request.url,
      signal: request.signal,
      phase,
      secrets: context.secrets,
    });
  if (!response.ok) {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw failure(error, 'headers');
    }
    throw toBackendCallError(
      {
        status: response.status,
        statusText: response.statusText,
        body: text,
        headers: response.headers,
        phase: 'headers',
      },
      context,
    );
  }
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
      throw failure(error, 'stream');
    }
  }
  return { response, startedAt, chunks: chunks() };
}
