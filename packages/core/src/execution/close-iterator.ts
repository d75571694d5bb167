/**
 * Tells an async iterator its reader is gone (`return()`), without waiting for it and without
 * letting its failure escape: closing a backend stream must never throw into the request path.
 *
 * @example
 * closeIterator(stream[Symbol.asyncIterator]());
 */
export function closeIterator(iterator: AsyncIterator<unknown>): void {
  try {
    const closing = iterator.return?.();
    if (closing !== undefined) closing.then(undefined, () => {});
  } catch {
    // A synchronous throw from return() leaves nothing to clean up.
  }
}
