import type { ServerResponse } from 'node:http';
import type { GatewayHttpError } from './gateway-http-error.js';

/**
 * Sends a JSON answer in one write, with its length, unless the response has already started or
 * the connection is gone.
 *
 * @example
 * sendJson(response, 200, JSON.stringify({ status: 'ok' }));
 */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: string,
  headers?: Readonly<Record<string, string>>,
): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

/**
 * Sends an error in OpenAI's shape with its status and headers (`Retry-After`, `Allow`…) and the
 * request id when one is known.
 *
 * @example
 * sendError(response, new GatewayHttpError({ status: 405, type: 'invalid_request_error', message: '…' }), id);
 */
export function sendError(
  response: ServerResponse,
  error: GatewayHttpError,
  requestId: string | undefined,
): void {
  const headers = requestId === undefined ? error.headers : { ...error.headers, 'x-request-id': requestId };
  sendJson(response, error.status, JSON.stringify(error.toBody()), headers);
}

/**
 * Waits until a response can take more data ('drain') or its connection closed, for slow readers.
 *
 * @example
 * if (!response.write(frame)) await drained(response);
 */
export function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
