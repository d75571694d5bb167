import type { IncomingMessage } from 'node:http';
import { GatewayHttpError } from './gateway-http-error.js';

/**
 * Reads a request body up to `limitBytes`. A `Content-Length` over the limit fails at once,
 * before any byte is read; a body that grows past it (chunked) stops being read at the limit.
 * Either way the error is a 413, and the caller closes the connection after answering.
 *
 * @example
 * const body = await readRequestBody(request, 4 * 1024 * 1024);
 * const json = JSON.parse(body.toString('utf8'));
 */
export function readRequestBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = request.headers['content-length'];
  if (declared !== undefined && Number(declared) > limitBytes) {
    return Promise.reject(tooLarge(limitBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        request.pause();
        reject(tooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onAborted = () => {
      cleanup();
      reject(new Error('the client closed the connection while sending the body'));
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
}

function tooLarge(limitBytes: number): GatewayHttpError {
  return new GatewayHttpError({
    status: 413,
    type: 'invalid_request_error',
    code: 'request_too_large',
    message: `the request body is larger than the gateway's limit of ${limitBytes} bytes`,
    headers: { connection: 'close' },
  });
}
