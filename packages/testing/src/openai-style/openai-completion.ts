import type { Reply } from '../emulator/resolve-reply.js';

/** Identity of one OpenAI-style answer. */
export type CompletionIdentity = {
  readonly id: string;
  readonly created: number;
  readonly model: string;
  /** Builds the id of tool call `index`. */
  readonly toolCallId: (index: number) => string;
};

/**
 * A `chat.completion` object for a reply. `usage` is left out when undefined; `extra` fields are
 * added at the top level, `messageExtra` inside `message`, `choiceExtra` inside the choice.
 *
 * @example
 * openAICompletion(identity, reply, { usage: openAIUsage(reply.usage) });
 */
export function openAICompletion(
  identity: CompletionIdentity,
  reply: Reply,
  options: {
    readonly usage: Readonly<Record<string, unknown>> | undefined;
    readonly extra?: Readonly<Record<string, unknown>>;
    readonly messageExtra?: Readonly<Record<string, unknown>>;
    readonly choiceExtra?: Readonly<Record<string, unknown>>;
  },
): Record<string, unknown> {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: reply.toolCalls.length > 0 && reply.text === '' ? null : reply.text,
    ...options.messageExtra,
  };
  if (reply.toolCalls.length > 0) {
    message.tool_calls = reply.toolCalls.map((call) => ({
      id: identity.toolCallId(call.index),
      type: 'function',
      function: { name: call.name, arguments: call.argumentsJson },
    }));
  }
  const completion: Record<string, unknown> = {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [
      { index: 0, message, logprobs: null, finish_reason: reply.finishReason, ...options.choiceExtra },
    ],
    ...options.extra,
  };
  if (options.usage !== undefined) completion.usage = options.usage;
  return completion;
}
