import { type ByteSource, readLines } from './read-lines.js';

/** One Server-Sent Event. `event` is absent for unnamed (`message`) events. */
export type ServerSentEvent = {
  readonly data: string;
  readonly event?: string;
  /** The last event id seen on the stream, if any. */
  readonly id?: string;
  /** A `retry:` (reconnection delay, ms) sent with this event. */
  readonly retry?: number;
};

/** Settings of {@link parseServerSentEvents}. */
export type ServerSentEventOptions = {
  /** Called for comment lines (`: OPENROUTER PROCESSING`), without the colon. */
  readonly onComment?: (comment: string) => void;
};

/**
 * Parses a `text/event-stream` body incrementally, following the WHATWG rules: `data:` lines
 * (several join with `\n`), `event:`, `id:`, `retry:`, comment lines starting with `:` skipped,
 * LF/CRLF/CR line ends, events dispatched on a blank line. At the end of the stream an event whose
 * lines all arrived is still dispatched (some servers omit the last blank line), but a line cut
 * mid-way is dropped — callers detect the truncation by what is missing (e.g. `[DONE]`).
 *
 * @example
 * for await (const event of parseServerSentEvents(response.body!)) {
 *   if (event.data === '[DONE]') break;
 *   console.log(JSON.parse(event.data));
 * }
 */
export async function* parseServerSentEvents(
  source: ByteSource,
  options: ServerSentEventOptions = {},
): AsyncGenerator<ServerSentEvent, void, undefined> {
  let data: string[] = [];
  let event: string | undefined;
  let id: string | undefined;
  let retry: number | undefined;
  const take = (): ServerSentEvent | undefined => {
    const result =
      data.length === 0
        ? undefined
        : {
            data: data.join('\n'),
            ...(event === undefined ? {} : { event }),
            ...(id === undefined ? {} : { id }),
            ...(retry === undefined ? {} : { retry }),
          };
    data = [];
    event = undefined;
    retry = undefined;
    return result;
  };
  for await (const line of readLines(source)) {
    if (!line.complete) break;
    const text = line.text;
    if (text === '') {
      const dispatched = take();
      if (dispatched !== undefined) yield dispatched;
      continue;
    }
    if (text.startsWith(':')) {
      options.onComment?.(text.slice(1).trimStart());
      continue;
    }
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  }
  const last = take();
  if (last !== undefined) yield last;
}
