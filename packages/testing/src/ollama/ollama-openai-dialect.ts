import { isSchemaObject } from '../json-schema/resolve-schema.js';
import type { OpenAIDialect } from '../openai-style/handle-openai-chat.js';
import { openAIUsage } from '../openai-style/openai-usage.js';
import { findOllamaModel, type OllamaState } from './ollama-state.js';

/**
 * Ollama's OpenAI error body: `{"error":{message,type,param:null,code:null}}` with `type`
 * `invalid_request_error` (400), `not_found_error` (404), else `api_error`.
 *
 * @example
 * ollamaOpenAIError(404, "model 'x' not found")
 */
export function ollamaOpenAIError(status: number, message: string) {
  const type = status === 400 ? 'invalid_request_error' : status === 404 ? 'not_found_error' : 'api_error';
  return { error: { message, type, param: null, code: null } };
}

/**
 * The dialect of Ollama's `/v1/chat/completions` translation layer: `tool_choice` and
 * `max_completion_tokens` silently dropped (only `max_tokens` counts), no way to set `num_ctx`
 * (over-long prompts silently truncated to the model's default), `response_format` json_object →
 * JSON, json_schema → its schema (`name`/`strict` ignored), stream usage only with `include_usage`.
 *
 * @example
 * const dialect = ollamaOpenAIDialect(state);
 */
export function ollamaOpenAIDialect(state: OllamaState): OpenAIDialect {
  return {
    kind: 'ollama',
    replyText: state.replyText,
    stats: state.stats,
    answerInvalidJson: (exchange) => {
      const first = exchange.record.rawBody.trim()[0];
      const message =
        first === undefined ? 'EOF' : `invalid character '${first}' looking for beginning of value`;
      exchange.json(400, ollamaOpenAIError(400, message));
    },
    answerBadBody: (exchange) => exchange.json(400, ollamaOpenAIError(400, 'invalid message format')),
    adjust: (chat) => ({
      ...chat,
      toolChoice: undefined,
      maxTokens: typeof chat.body.max_tokens === 'number' ? chat.body.max_tokens : undefined,
    }),
    truncatesPrompt: true,
    resolveModel: (exchange, chat) => {
      const model = chat.model === undefined ? undefined : findOllamaModel(state, chat.model);
      if (model === undefined) {
        exchange.json(404, ollamaOpenAIError(404, `model '${chat.model ?? ''}' not found`));
        return undefined;
      }
      return { model, responseModel: chat.model ?? model.id };
    },
    structuredOutput: (_exchange, chat) => {
      const format = chat.body.response_format;
      if (!isSchemaObject(format)) return { json: false };
      if (format.type === 'json_object') return { json: true };
      if (format.type === 'json_schema' && isSchemaObject(format.json_schema)) {
        const schema = format.json_schema.schema;
        return isSchemaObject(schema) ? { schema, json: true } : { json: true };
      }
      return { json: false };
    },
    contextWindow: state.contextWindow,
    checkContext: () => true,
    responseId: (sequence) => `chatcmpl-${sequence}`,
    toolCallIdPrefix: 'call_',
    usage: (report) => openAIUsage(report),
    streamUsage: (chat) => chat.includeUsage,
    completionExtra: () => ({ extra: { system_fingerprint: 'fp_ollama' } }),
    chunkExtra: () => ({ extra: { system_fingerprint: 'fp_ollama' } }),
    errorFrames: (message) => [`data: ${JSON.stringify(ollamaOpenAIError(500, message))}\n\n`],
    generationError: (message) => ({ status: 500, body: ollamaOpenAIError(500, message) }),
    defaultErrorMessage: 'an error was encountered while running the model: unexpected EOF',
  };
}
