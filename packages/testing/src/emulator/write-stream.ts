import { once } from 'node:events';
import type { Exchange, Headers } from './exchange.js';
import { sleep } from './sleep.js';

/**
 * One frame of a stream. `chunk` frames carry content and are what `afterChunks` counts; `end`
 * frames (finish chunk, usage chunk, `[DONE]`, `done:true`, `message_stop`) are left out when a
 * stream is cut; `meta` frames (role chunk, `message_start`, comments) are neither.
 */
export type StreamFrame = { readonly text: string; readonly kind: 'meta' | 'chunk' | 'end' };

/** A stream to write and how its backend reports errors inside it. */
export type StreamPlan = {
  readonly contentType: string;
  readonly headers?: Headers;
  readonly frames: readonly StreamFrame[];
  /** Frames that report an error inside the 200 stream, in the backend's own form. */
  readonly errorFrames: (message: string) => readonly string[];
  readonly defaultErrorMessage: string;
  /** How the backend answers an error raised before any frame was written (Ollama: a 500 JSON). */
  readonly errorBeforeOutput?: (message: string) => { readonly status: number; readonly body: unknown };
};

/**
 * Writes a stream frame by frame, applying the exchange's stream faults (`cut-stream`,
 * `stream-error`, `malformed-json`, `slow-stream`). Stops quietly when the client goes away.
 *
 * @example
 * await writeStream(exchange, { contentType: 'text/event-stream', frames, errorFrames, defaultErrorMessage });
 */
export async function writeStream(exchange: Exchange, plan: StreamPlan): Promise<void> {
  const { fault, response } = exchange;
  const trigger =
    fault?.type === 'cut-stream' || fault?.type === 'stream-error' || fault?.type === 'malformed-json'
      ? (fault.afterChunks ?? 1)
      : undefined;
  const delayMs = fault?.type === 'slow-stream' ? fault.delayMs : 0;
  let chunks = 0;
  let written = 0;
  let triggered = false;
  const write = async (text: string) => {
    if (!exchange.isOpen) return false;
    if (written === 0) response.writeHead(200, { 'content-type': plan.contentType, ...plan.headers });
    written += 1;
    if (!response.write(text)) await Promise.race([once(response, 'drain'), once(response, 'close')]);
    return exchange.isOpen;
  };
  for (const frame of plan.frames) {
    if (!exchange.isOpen) return;
    if (
      !triggered &&
      trigger !== undefined &&
      frame.kind !== 'meta' &&
      (frame.kind === 'end' || chunks >= trigger)
    ) {
      triggered = true;
      if (fault?.type === 'cut-stream') break;
      if (fault?.type === 'stream-error') {
        const message = fault.message ?? plan.defaultErrorMessage;
        if (written === 0 && plan.errorBeforeOutput !== undefined) {
          const answer = plan.errorBeforeOutput(message);
          exchange.json(answer.status, answer.body);
          return;
        }
        for (const text of plan.errorFrames(message)) if (!(await write(text))) return;
        break;
      }
      if (!(await write(malformFrame(frame.text)))) return;
    }
    if (delayMs > 0 && written > 0 && !(await sleep(delayMs, exchange.signal))) return;
    if (!(await write(frame.text))) return;
    if (frame.kind === 'chunk') chunks += 1;
  }
  if (written === 0) response.writeHead(200, { 'content-type': plan.contentType, ...plan.headers });
  if (exchange.isOpen) response.end();
}

/**
 * Cuts the JSON inside a frame in half, keeping the framing around it, so the frame is no
 * longer valid JSON.
 *
 * @example
 * malformFrame('data: {"a":1,"b":2}\n\n') // 'data: {"a":1\n\n'
 */
export function malformFrame(text: string): string {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return `${text.trimEnd()}{\n\n`;
  const json = text.slice(start, end + 1);
  return text.slice(0, start) + json.slice(0, Math.max(1, Math.floor(json.length / 2))) + text.slice(end + 1);
}
