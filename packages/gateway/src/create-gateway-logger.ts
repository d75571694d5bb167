import pino from 'pino';

/**
 * The gateway's request logger: pino JSON lines at `level` (default `info`). Without `write`,
 * lines go to stdout through pino's asynchronous sonic-boom buffer, written in batches of 4 KiB
 * or at least every 250 ms (and on exit), so logging costs a request no system call of its own;
 * `write` sends each line to a function instead (tests, an in-process CLI).
 *
 * @example
 * const logger = createGatewayLogger({ level: 'debug' });
 * const gateway = createGateway({ router, logger });
 */
export function createGatewayLogger(
  options: { readonly level?: string; readonly write?: (line: string) => void } = {},
): pino.Logger {
  const level = options.level ?? 'info';
  if (options.write === undefined) {
    return pino({ level }, pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 250 }));
  }
  const write = options.write;
  return pino({ level }, { write: (line: string) => write(line) });
}
