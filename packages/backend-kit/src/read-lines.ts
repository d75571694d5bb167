import { readBodyChunks } from './read-body-chunks.js';

/** Bytes to read: a body stream or any async iterable of chunks. */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** One line of text; `complete` is false only for a last line the stream cut before its line break. */
export type TextLine = { readonly text: string; readonly complete: boolean };

/**
 * Splits a byte stream into lines (LF, CRLF or CR endings), decoding UTF-8 incrementally, so a
 * line, a CRLF pair or a multi-byte character may be split across chunks anywhere.
 *
 * @example
 * for await (const line of readLines(response.body!)) if (line.complete) console.log(line.text);
 */
export async function* readLines(source: ByteSource): AsyncGenerator<TextLine, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let skipLineFeed = false;
  for await (const chunk of asIterable(source)) {
    let text = decoder.decode(chunk, { stream: true });
    if (text === '') continue;
    if (skipLineFeed && text.startsWith('\n')) text = text.slice(1);
    skipLineFeed = false;
    buffer += text;
    let start = 0;
    for (let index = 0; index < buffer.length; index += 1) {
      const character = buffer[index];
      if (character !== '\n' && character !== '\r') continue;
      yield { text: buffer.slice(start, index), complete: true };
      if (character === '\r') {
        if (index + 1 === buffer.length) skipLineFeed = true;
        else if (buffer[index + 1] === '\n') index += 1;
      }
      start = index + 1;
    }
    buffer = buffer.slice(start);
  }
  buffer += decoder.decode();
  if (skipLineFeed && buffer.startsWith('\n')) buffer = buffer.slice(1);
  if (buffer !== '') yield { text: buffer, complete: false };
}

function asIterable(source: ByteSource): AsyncIterable<Uint8Array> {
  return 'getReader' in source ? readBodyChunks(source) : source;
}
