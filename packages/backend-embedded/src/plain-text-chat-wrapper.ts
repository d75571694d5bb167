import {
  ChatWrapper,
  type ChatWrapperGenerateContextStateOptions,
  type ChatWrapperGeneratedContextState,
  LlamaText,
  SpecialToken,
} from 'node-llama-cpp';

/**
 * The prompt format for models without a chat template (base models such as stories260K): the
 * texts of all messages, in order, joined by blank lines after a BOS token, with no role markers.
 * The model continues the text, so a user message "Once upon a time" yields the rest of a story.
 * Generation stops at the end-of-sequence token (or `max_tokens`).
 *
 * @example
 * const chat = new LlamaChat({ contextSequence, chatWrapper: new PlainTextChatWrapper() });
 */
export class PlainTextChatWrapper extends ChatWrapper {
  readonly wrapperName = 'PlainText';

  override generateContextState({
    chatHistory,
  }: ChatWrapperGenerateContextStateOptions): ChatWrapperGeneratedContextState {
    const texts = chatHistory
      .map((item) => {
        if (item.type === 'system') return LlamaText.fromJSON(item.text);
        if (item.type === 'user') return LlamaText(item.text);
        return this.generateModelResponseText(item.response);
      })
      .filter((text, index, all) => text.values.length > 0 || index === all.length - 1);
    // The last item is the model turn being generated: it continues right after the previous text.
    const last = texts.pop() ?? LlamaText([]);
    const prompt = LlamaText.joinValues('\n\n', texts);
    const separator = texts.length > 0 && last.values.length > 0 ? '\n\n' : '';
    return {
      contextText: LlamaText([new SpecialToken('BOS'), prompt, separator, last]),
      stopGenerationTriggers: [LlamaText(new SpecialToken('EOS'))],
    };
  }
}
