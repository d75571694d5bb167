/** One server-sent event as it was on the wire. */
export type ServerSentEvent = {
  /** The `event:` name, or `undefined` when the event had none. */
  readonly event: string | undefined;
  /** The `data:` lines joined with `\n`. */
  readonly data: string;
};

/** A parsed SSE body: its events, and its comment lines (`: …`) in order. */
export type ParsedEventStream = {
  readonly events: readonly ServerSentEvent[];
  readonly comments: readonly string[];
  /** True when the body ended with a complete event (a blank line), false when cut mid-event. */
  readonly complete: boolean;
};

/**
 * Parses a `text/event-stream` body per the SSE spec (blank-line separated, `data:` lines joined,
 * `:` comments kept apart), so tests can assert exact framing.
 *
 * @example
 * const { events } = parseEventStream(await response.text());
 * expect(events.at(-1)?.data).toBe('[DONE]');
 */
export function parseEventStream(text: string): ParsedEventStream {
  const events: ServerSentEvent[] = [];
  const comments: string[] = [];
  let event: string | undefined;
  let data: string[] = [];
  let pending = false;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (pending) events.push({ event, data: data.join('\n') });
      event = undefined;
      data = [];
      pending = false;
      continue;
    }
    if (line.startsWith(':')) {
      comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    pending = true;
  }
  return { events, comments, complete: !pending };
}

/**
 * Parses an NDJSON body (Ollama streams) into values, one per non-empty line. Throws with the line
 * number when a line is not JSON.
 *
 * @example
 * const lines = parseNdjson(await response.text());
 * expect(lines.at(-1)).toMatchObject({ done: true });
 */
export function parseNdjson(text: string): unknown[] {
  return text
    .split('\n')
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, index }) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        throw new Error(`NDJSON line ${index + 1} is not JSON: ${line.slice(0, 80)}`);
      }
    });
}
