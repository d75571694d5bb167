import type { BackendStreamResult, StreamPart, ToolCall } from '@switchyard/core';

/** What reading a stream to its end produced: every part, and the error that ended it, if any. */
export type StreamReading = {
  readonly parts: readonly StreamPart[];
  /** What the iterator threw (`undefined` when the stream finished). */
  readonly error: unknown;
};

/**
 * Reads a stream to its end, keeping the parts that arrived before a failure.
 *
 * @example
 * const { parts, error } = await readStreamParts(await backend.doStream(call));
 */
export async function readStreamParts(result: BackendStreamResult): Promise<StreamReading> {
  const parts: StreamPart[] = [];
  try {
    for await (const part of result.stream) parts.push(part);
  } catch (error) {
    return { parts, error };
  }
  return { parts, error: undefined };
}

/**
 * The text of the first choice, joined over every chunk.
 *
 * @example
 * streamedText(parts); // 'Hello! I am a tiny test model.'
 */
export function streamedText(parts: readonly StreamPart[]): string {
  let text = '';
  for (const part of parts) {
    if (part.type === 'chunk') text += part.chunk.choices[0]?.delta.content ?? '';
  }
  return text;
}

/**
 * Reassembles the first choice's streamed tool-call fragments (keyed by `index`, arguments in
 * pieces) into complete calls. Throws when a call never received its id or name.
 *
 * @example
 * const [call] = reassembleToolCalls(parts);
 * JSON.parse(call.function.arguments);
 */
export function reassembleToolCalls(parts: readonly StreamPart[]): ToolCall[] {
  const calls = new Map<number, { id?: string; name?: string; arguments: string }>();
  for (const part of parts) {
    if (part.type !== 'chunk') continue;
    for (const fragment of part.chunk.choices[0]?.delta.tool_calls ?? []) {
      const call = calls.get(fragment.index) ?? { arguments: '' };
      if (fragment.id !== undefined && fragment.id !== '') call.id ??= fragment.id;
      if (fragment.function?.name !== undefined && fragment.function.name !== '') {
        call.name ??= fragment.function.name;
      }
      call.arguments += fragment.function?.arguments ?? '';
      calls.set(fragment.index, call);
    }
  }
  return [...calls.entries()]
    .sort(([left], [right]) => left - right)
    .map(([index, call]) => {
      if (call.id === undefined || call.name === undefined) {
        throw new Error(
          `streamed tool call ${index} never received its ${call.id === undefined ? 'id' : 'name'}`,
        );
      }
      return { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } };
    });
}
