import { createServer } from 'node:net';

/**
 * A `http://127.0.0.1:PORT` URL where nothing listens: a port the system just handed out and
 * that was closed again. Connecting to it is refused, as with a server that has stopped.
 *
 * @example
 * const backend = createVllm({ baseUrl: await unusedLocalUrl() });
 * await backend.probe(); // { status: 'down', … }
 */
export function unusedLocalUrl(): Promise<string> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
}
