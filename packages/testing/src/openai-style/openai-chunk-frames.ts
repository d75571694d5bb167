import type { Reply } from '../emulator/resolve-reply.js';
import type { StreamFrame } from '../emulator/write-stream.js';
import type { CompletionIdentity } from './openai-completion.js';

/**
 * The SSE frames of an OpenAI-style stream: a role chunk, one chunk per text piece, tool calls as
 * fragments (id and name first, then argument pieces), a finish chunk with an empty delta, the
 * usage chunk (`choices: []`) when `usage` is given, then `data: [DONE]`.
 *
 * @example
 * const frames = openAIChunkFrames(identity, reply, { usage: includeUsage ? openAIUsage(reply.usage) : undefined });
 */
export function openAIChunkFrames(
  identity: CompletionIdentity,
  reply: Reply,
  options: {
    /** The final usage chunk's `usage`; no usage chunk when undefined. */
    readonly usage: Readonly<Record<string, unknown>> | undefined;
    /** Whether content chunks carry `usage: null` (OpenAI and vLLM do with include_usage). */
    readonly nullUsageOnChunks?: boolean;
    /** Extra top-level fields on every chunk (OpenRouter `provider`, TGI `system_fingerprint`). */
    readonly extra?: Readonly<Record<string, unknown>>;
    /** Extra fields on the finish chunk's choice (OpenRouter `native_finish_reason`). */
    readonly finishChoiceExtra?: Readonly<Record<string, unknown>>;
  },
): StreamFrame[] {
  const chunk = (choices: readonly unknown[], extra: Readonly<Record<string, unknown>> = {}) => {
    const body: Record<string, unknown> = {
      id: identity.id,
      object: 'chat.completion.chunk',
      created: identity.created,
      model: identity.model,
      ...options.extra,
      choices,
      ...extra,
    };
    if (options.nullUsageOnChunks === true && !('usage' in body)) body.usage = null;
    return `data: ${JSON.stringify(body)}\n\n`;
  };
  const choice = (
    delta: Readonly<Record<string, unknown>>,
    finishReason: string | null = null,
    extra = {},
  ) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finishReason,
    ...extra,
  });
  const frames: StreamFrame[] = [{ kind: 'meta', text: chunk([choice({ role: 'assistant', content: '' })]) }];
  for (const piece of reply.pieces) frames.push({ kind: 'chunk', text: chunk([choice({ content: piece })]) });
  for (const call of reply.toolCalls) {
    const start = {
      index: call.index,
      id: identity.toolCallId(call.index),
      type: 'function',
      function: { name: call.name, arguments: '' },
    };
    frames.push({ kind: 'chunk', text: chunk([choice({ tool_calls: [start] })]) });
    for (const piece of call.argumentsJson.match(/[\s\S]{1,12}/g) ?? []) {
      const fragment = { index: call.index, function: { arguments: piece } };
      frames.push({ kind: 'chunk', text: chunk([choice({ tool_calls: [fragment] })]) });
    }
  }
  frames.push({ kind: 'end', text: chunk([choice({}, reply.finishReason, options.finishChoiceExtra)]) });
  if (options.usage !== undefined) frames.push({ kind: 'end', text: chunk([], { usage: options.usage }) });
  frames.push({ kind: 'end', text: 'data: [DONE]\n\n' });
  return frames;
}
