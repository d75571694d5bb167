/** Settings of {@link readBodyChunks}. */
export type BodyReadOptions = {
  /** Aborting it stops the read at once (even with a fetch that ignores signals) and cancels the body. */
  readonly signal?: AbortSignal;
  /** Longest wait for the next bytes, in ms; exceeding it rejects with a `TimeoutError`. */
  readonly idleTimeoutMs?: number;
  /** Called once, when the first non-empty chunk arrives. */
  readonly onFirstByte?: () => void;
};

/**
 * Reads a response body chunk by chunk, guarded by an abort signal and an idle timeout. Stopping
 * early (`break`, `return`, an error) cancels the body, which closes the connection so the server
 * frees its slot.
 *
 * @example
 * for await (const bytes of readBodyChunks(response.body!, { signal, idleTimeoutMs: 30_000 })) total += bytes.length;
 */
export async function* readBodyChunks(
  body: ReadableStream<Uint8Array>,
  options: BodyReadOptions = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = body.getReader();
  let finished = false;
  let sawFirstByte = false;
  try {
    while (true) {
      const result = await guardedRead(reader, options);
      if (result.done) {
        finished = true;
        return;
      }
      if (!sawFirstByte && result.value.byteLength > 0) {
        sawFirstByte = true;
        options.onFirstByte?.();
      }
      yield result.value;
    }
  } finally {
    if (!finished) await reader.cancel(options.signal?.reason).catch(() => undefined);
    reader.releaseLock();
  }
}

function guardedRead(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  options: BodyReadOptions,
): Promise<Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>> {
  const { signal, idleTimeoutMs } = options;
  if (signal === undefined && idleTimeoutMs === undefined) return reader.read();
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cleanup = () => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      cleanup();
      reject(signal?.reason ?? new DOMException('This operation was aborted', 'AbortError'));
    };
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    if (idleTimeoutMs !== undefined) {
      timer = setTimeout(() => {
        cleanup();
        reject(new DOMException(`no data for ${idleTimeoutMs} ms`, 'TimeoutError'));
      }, idleTimeoutMs);
    }
    reader.read().then(
      (result) => {
        cleanup();
        resolve(result);
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}
