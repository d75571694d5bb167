import { BackendCallError } from '@switchyard/core';

/**
 * The error for a request an adapter cannot convert to its server's API, thrown before anything
 * is sent (phase `connect`, not retryable): `unsupported` for input the server cannot take (audio,
 * remote image URLs…), `invalid-request` for malformed input. The message should say where
 * (`messages[2].content[0]: …`).
 *
 * @example
 * throw requestConversionError({ backend: 'ollama' }, 'unsupported', 'messages[0].content[1]: Ollama takes no audio input');
 */
export function requestConversionError(
  context: { readonly backend: string },
  code: 'unsupported' | 'invalid-request',
  message: string,
): BackendCallError {
  return new BackendCallError({ message, code, backend: context.backend, phase: 'connect' });
}
