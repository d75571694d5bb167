import type { ChatWrapper, LlamaModel, SpecializedChatWrapperTypeName } from 'node-llama-cpp';
import type { EmbeddedChatTemplate } from './embedded-settings.js';

type NodeLlamaCpp = typeof import('node-llama-cpp');

/** The warning given for a model without a chat template. */
export const plainTextPromptWarning =
  'the model has no chat template: messages are joined as plain text and the model continues it';

/** How prompts are built for a loaded model. */
export type PromptFormat = {
  readonly chatWrapper: ChatWrapper;
  /** What `describe()` shows, e.g. `chat template (ChatML)` or `plain text (no chat template in the GGUF)`. */
  readonly description: string;
  /** Set when the model has no chat template and prompts fall back to plain text. */
  readonly warning: string | undefined;
};

/**
 * Picks the prompt format for the `chatTemplate` setting: the GGUF's template (`auto`, via
 * node-llama-cpp's equivalent built-in formatter or its Jinja renderer), the Jinja template as it
 * is (`jinja`), plain text (`plain`, and `auto` for a GGUF without a template), or a named
 * node-llama-cpp formatter. Throws for an unknown name or `jinja` without a template.
 *
 * @example
 * const format = await resolvePromptFormat(model, 'auto', await import('node-llama-cpp'));
 * format.description; // 'chat template (ChatML)'
 */
export async function resolvePromptFormat(
  model: LlamaModel,
  chatTemplate: EmbeddedChatTemplate,
  nodeLlamaCpp: NodeLlamaCpp,
): Promise<PromptFormat> {
  const template = model.fileInfo.metadata.tokenizer?.chat_template;
  const hasTemplate = typeof template === 'string' && template.trim() !== '';
  const plain = async (reason: string, warning?: string): Promise<PromptFormat> => {
    const { PlainTextChatWrapper } = await import('./plain-text-chat-wrapper.js');
    return { chatWrapper: new PlainTextChatWrapper(), description: `plain text (${reason})`, warning };
  };
  if (chatTemplate === 'plain') return plain('chatTemplate: plain');
  if (chatTemplate === 'auto') {
    if (!hasTemplate) {
      return plain('no chat template in the GGUF', plainTextPromptWarning);
    }
    const chatWrapper = nodeLlamaCpp.resolveChatWrapper(model, { warningLogs: false });
    return { chatWrapper, description: `chat template (${chatWrapper.wrapperName})`, warning: undefined };
  }
  if (chatTemplate === 'jinja') {
    if (!hasTemplate) {
      throw new Error(`chatTemplate is 'jinja' but ${model.filename ?? 'the model'} has no chat template`);
    }
    const chatWrapper = nodeLlamaCpp.resolveChatWrapper(model, {
      type: 'jinjaTemplate',
      warningLogs: false,
      fallbackToOtherWrappersOnJinjaError: false,
    });
    return { chatWrapper, description: 'chat template (Jinja, rendered as is)', warning: undefined };
  }
  const known: readonly string[] = nodeLlamaCpp.specializedChatWrapperTypeNames;
  if (!known.includes(chatTemplate)) {
    throw new Error(
      `chatTemplate '${chatTemplate}' is unknown; use 'auto', 'jinja', 'plain' or one of: ${known.join(', ')}`,
    );
  }
  const chatWrapper = nodeLlamaCpp.resolveChatWrapper(model, {
    type: chatTemplate as SpecializedChatWrapperTypeName,
    warningLogs: false,
  });
  return {
    chatWrapper,
    description: `${chatWrapper.wrapperName} format (chatTemplate setting)`,
    warning: undefined,
  };
}
