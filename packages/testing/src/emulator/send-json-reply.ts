import type { Exchange, Headers } from './exchange.js';

/**
 * Sends a non-streaming chat answer, applying the faults that change a whole body:
 * `malformed-json` (a 200 whose body is cut JSON), `cut-stream` (half the body, then the socket
 * destroyed), `stream-error` (the backend's generation-failure answer).
 *
 * @example
 * sendJsonReply(exchange, completion, { generationError: (message) => ({ status: 500, body: { error: message } }), defaultErrorMessage: 'boom' });
 */
export function sendJsonReply(
  exchange: Exchange,
  body: unknown,
  options: {
    readonly headers?: Headers;
    readonly generationError: (message: string) => { readonly status: number; readonly body: unknown };
    readonly defaultErrorMessage: string;
  },
): void {
  const text = JSON.stringify(body);
  const headers = { 'content-type': 'application/json', ...options.headers };
  const fault = exchange.fault;
  if (fault?.type === 'malformed-json') {
    exchange.send(200, text.slice(0, Math.floor(text.length / 2)), headers);
    return;
  }
  if (fault?.type === 'cut-stream') {
    if (!exchange.isOpen) return;
    exchange.response.writeHead(200, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
    exchange.response.write(text.slice(0, Math.floor(text.length / 2)), () => exchange.destroy());
    return;
  }
  if (fault?.type === 'stream-error') {
    const answer = options.generationError(fault.message ?? options.defaultErrorMessage);
    exchange.json(answer.status, answer.body);
    return;
  }
  exchange.send(200, text, headers);
}
