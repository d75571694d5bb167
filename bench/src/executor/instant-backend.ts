import type {
  BackendCall,
  BackendV1,
  ChatCompletion,
  ChatCompletionChunk,
  NormalizedUsage,
  StreamPart,
} from '@switchyard/core';
import { minimalInstance } from '@switchyard/testing';

/** Settings of {@link createInstantBackend}. */
export type InstantBackendOptions = {
  /** Backend id (default `instant`). */
  readonly id?: string;
  /** Text of every plain answer (default a 16-word sentence). */
  readonly text?: string;
  /** Content chunks a streamed answer is split into (default 8). */
  readonly streamChunks?: number;
};

const defaultText = 'The quick brown fox jumps over the lazy dog, then rests in the shade for a while.';
const usage: NormalizedUsage = {
  inputTokens: 120,
  outputTokens: 20,
  cachedInputTokens: 0,
  reasoningTokens: 0,
};
const noWarnings: readonly string[] = [];

/**
 * A `BackendV1` that answers at once, in-process, doing as little as an adapter can: a fixed
 * text, or for a `json_schema` request the smallest valid instance of its schema (computed once
 * per schema object and cached), streamed as a role chunk, `streamChunks` content chunks and a
 * finish chunk. The executor-overhead benchmark calls it directly and through the router, so
 * the difference is the router's own cost.
 *
 * @example
 * const backend = createInstantBackend();
 * const { completion } = await backend.doGenerate({ request, model: 'instant-model' });
 */
export function createInstantBackend(options: InstantBackendOptions = {}): BackendV1 {
  const id = options.id ?? 'instant';
  const text = options.text ?? defaultText;
  const pieces = Math.max(1, options.streamChunks ?? 8);
  const answers = new WeakMap<object, string>();

  const answerOf = (call: BackendCall): string => {
    const format = call.request.response_format;
    if (format?.type === 'json_object') return '{}';
    if (format?.type !== 'json_schema' || format.json_schema.schema === undefined) return text;
    const schema = format.json_schema.schema;
    let answer = answers.get(schema);
    if (answer === undefined) {
      answer = JSON.stringify(minimalInstance(schema));
      answers.set(schema, answer);
    }
    return answer;
  };

  const chunk = (model: string, delta: ChatCompletionChunk['choices'][number]['delta'], last: boolean) =>
    ({
      id: `chatcmpl-${id}`,
      object: 'chat.completion.chunk',
      created: 0,
      model,
      choices: [{ index: 0, delta, finish_reason: last ? 'stop' : null }],
    }) satisfies ChatCompletionChunk;

  return {
    specificationVersion: 'v1',
    id,
    kind: 'openai-compatible',
    describe: async () => ({ backend: id, kind: 'openai-compatible', models: [{ id: 'instant-model' }] }),
    probe: async () => ({ status: 'up', latencyMs: 0 }),
    async doGenerate(call) {
      const completion: ChatCompletion = {
        id: `chatcmpl-${id}`,
        object: 'chat.completion',
        created: 0,
        model: call.model,
        choices: [
          { index: 0, message: { role: 'assistant', content: answerOf(call) }, finish_reason: 'stop' },
        ],
      };
      return { completion, usage, timing: { durationMs: 0 }, warnings: noWarnings };
    },
    async doStream(call) {
      const answer = answerOf(call);
      const size = Math.ceil(answer.length / pieces);
      async function* parts(): AsyncGenerator<StreamPart> {
        yield { type: 'chunk', chunk: chunk(call.model, { role: 'assistant', content: '' }, false) };
        for (let start = 0; start < answer.length; start += size) {
          yield {
            type: 'chunk',
            chunk: chunk(call.model, { content: answer.slice(start, start + size) }, false),
          };
        }
        yield { type: 'chunk', chunk: chunk(call.model, {}, true) };
        yield { type: 'finish', finishReason: 'stop', usage, timing: { durationMs: 0 } };
      }
      return { stream: parts(), warnings: noWarnings };
    },
  };
}
