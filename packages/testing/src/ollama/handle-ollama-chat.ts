import { estimateTokens } from '../emulator/estimate-tokens.js';
import type { Exchange } from '../emulator/exchange.js';
import { type Reply, resolveReply } from '../emulator/resolve-reply.js';
import type { ChatTurn, ToolDefinition } from '../emulator/responder.js';
import { sendJsonReply } from '../emulator/send-json-reply.js';
import { type StreamFrame, writeStream } from '../emulator/write-stream.js';
import { isSchemaObject, type JsonSchema } from '../json-schema/resolve-schema.js';
import { ollamaDurations } from './ollama-durations.js';
import { findOllamaModel, keepAliveMilliseconds, type OllamaState } from './ollama-state.js';
import { readOllamaFormat } from './read-ollama-format.js';

const defaultErrorMessage = 'an error was encountered while running the model: unexpected EOF';

/**
 * Serves Ollama's native `POST /api/chat`: NDJSON streaming by default, usage and nanosecond
 * timings on the final `done:true` line, tool calls with object `arguments` (complete in one
 * chunk), `format` as `"json"` or a schema, history silently truncated to `num_ctx` (an error
 * only with `truncate:false`), empty `messages` loading the model (`done_reason:"load"`).
 *
 * @example
 * route: (method, path) => (path === '/api/chat' ? (exchange) => handleOllamaChat(exchange, state) : undefined)
 */
export async function handleOllamaChat(exchange: Exchange, state: OllamaState): Promise<void> {
  const fail = (status: number, error: string) => exchange.json(status, { error });
  const raw = exchange.record.rawBody.trim();
  if (raw === '') return fail(400, 'missing request body');
  const body = exchange.body;
  if (!isSchemaObject(body)) return fail(400, `invalid character '${raw[0]}' looking for beginning of value`);
  if (typeof body.model !== 'string' || body.model === '') return fail(400, 'model is required');
  const model = findOllamaModel(state, body.model);
  if (model === undefined) return fail(404, `model '${body.model}' not found`);
  const keepAlive = keepAliveMilliseconds(body.keep_alive);
  if (typeof keepAlive === 'object') return fail(400, keepAlive.error);
  const options = isSchemaObject(body.options) ? body.options : {};
  const contextLength = typeof options.num_ctx === 'number' ? options.num_ctx : state.contextWindow(model);
  const coldLoad = !state.loaded.has(model.id);
  const remember = () => {
    if (keepAlive === 0) state.loaded.delete(model.id);
    else state.loaded.set(model.id, { expiresAt: Date.now() + keepAlive, contextLength });
  };
  const messages = Array.isArray(body.messages) ? body.messages.filter(isSchemaObject) : [];
  if (messages.length === 0) {
    remember();
    return exchange.json(200, {
      model: model.id,
      created_at: new Date().toISOString(),
      message: { role: 'assistant', content: '' },
      done_reason: keepAlive === 0 ? 'unload' : 'load',
      done: true,
    });
  }
  const badContent = messages.findIndex(
    (message) => message.content !== undefined && typeof message.content !== 'string',
  );
  if (badContent >= 0) {
    return fail(
      400,
      'json: cannot unmarshal array into Go struct field Message.messages.content of type string',
    );
  }
  const tools = readTools(body.tools);
  const capabilities = model.capabilities ?? ['completion', 'tools'];
  if (tools.length > 0 && !capabilities.includes('tools'))
    return fail(400, `${body.model} does not support tools`);
  const format = readOllamaFormat(body.format);
  if ('error' in format) return fail(500, format.error);
  const kept = truncateHistory(messages.map(turnOf), contextLength);
  if (kept === undefined && body.truncate === false)
    return fail(400, 'input length exceeds maximum context length');
  const turns = kept ?? truncateHistory(messages.map(turnOf), contextLength, true) ?? [];
  const promptTokens = Math.min(contextLength, estimateTokens(turns.map((turn) => turn.content).join('')));
  const maxTokens =
    typeof options.num_predict === 'number' && options.num_predict >= 0 ? options.num_predict : undefined;
  const stream = body.stream !== false;
  const reply = await resolveReply(
    {
      kind: 'ollama',
      model: model.id,
      messages: turns,
      tools,
      toolChoice: undefined,
      schema: format.schema,
      json: format.json,
      stream,
      maxTokens,
      request: exchange.record,
    },
    { responder: exchange.responder, replyText: state.replyText, promptTokens, fault: exchange.fault },
  );
  remember();
  state.stats.promptTokens += reply.inputTokens;
  state.stats.generationTokens += reply.outputTokens;
  state.stats.succeeded += 1;
  const base = { model: model.id, created_at: new Date().toISOString() };
  const final = {
    ...base,
    message: { role: 'assistant', content: '' },
    done: true,
    ...finalFields(reply, coldLoad),
  };
  if (!stream) {
    const message: Record<string, unknown> = { role: 'assistant', content: reply.text };
    if (reply.toolCalls.length > 0) message.tool_calls = toolCallsOf(reply, exchange.sequence);
    return sendJsonReply(exchange, { ...final, message }, { generationError, defaultErrorMessage });
  }
  const line = (value: unknown) => `${JSON.stringify(value)}\n`;
  const frames: StreamFrame[] = reply.pieces.map((piece) => ({
    kind: 'chunk',
    text: line({ ...base, message: { role: 'assistant', content: piece }, done: false }),
  }));
  if (reply.toolCalls.length > 0) {
    const message = { role: 'assistant', content: '', tool_calls: toolCallsOf(reply, exchange.sequence) };
    frames.push({ kind: 'chunk', text: line({ ...base, message, done: false }) });
  }
  frames.push({ kind: 'end', text: line(final) });
  return writeStream(exchange, {
    contentType: 'application/x-ndjson',
    frames,
    errorFrames: (message) => [line({ error: message })],
    errorBeforeOutput: generationError,
    defaultErrorMessage,
  });
}

function generationError(message: string) {
  return { status: 500, body: { error: message } };
}

function finalFields(reply: Reply, coldLoad: boolean): Record<string, unknown> {
  const durations = ollamaDurations(reply.inputTokens, reply.outputTokens, coldLoad);
  const done_reason = reply.finishReason === 'length' ? 'length' : 'stop';
  if (reply.usage.type === 'missing') return { done_reason, ...durations };
  if (reply.usage.type === 'wrong') {
    return {
      done_reason,
      ...durations,
      ...(reply.usage.usage ?? { prompt_eval_count: -1, eval_count: null }),
    };
  }
  return {
    done_reason,
    total_duration: durations.total_duration,
    load_duration: durations.load_duration,
    prompt_eval_count: reply.usage.inputTokens,
    prompt_eval_duration: durations.prompt_eval_duration,
    eval_count: reply.usage.outputTokens,
    eval_duration: durations.eval_duration,
  };
}

function toolCallsOf(reply: Reply, sequence: number) {
  return reply.toolCalls.map((call) => ({
    id: `call_${sequence}_${call.index}`,
    function: { index: call.index, name: call.name, arguments: call.arguments },
  }));
}

function turnOf(message: Readonly<Record<string, unknown>>): ChatTurn {
  const calls = Array.isArray(message.tool_calls) ? JSON.stringify(message.tool_calls) : '';
  return { role: String(message.role ?? ''), content: String(message.content ?? '') + calls };
}

/**
 * Keeps system messages and the newest turns that fit `limit` tokens (Ollama drops the oldest
 * history). `undefined` when even the last message alone does not fit, unless `force`.
 */
function truncateHistory(turns: readonly ChatTurn[], limit: number, force = false): ChatTurn[] | undefined {
  const cost = (list: readonly ChatTurn[]) => estimateTokens(list.map((turn) => turn.content).join(''));
  if (cost(turns) <= limit) return [...turns];
  const system = turns.filter((turn) => turn.role === 'system');
  const rest = turns.filter((turn) => turn.role !== 'system');
  const kept: ChatTurn[] = [];
  for (let index = rest.length - 1; index >= 0; index -= 1) {
    const turn = rest[index] as ChatTurn;
    if (cost([...system, turn, ...kept]) > limit) break;
    kept.unshift(turn);
  }
  if (kept.length === 0) return force ? [...system, ...rest.slice(-1)] : undefined;
  return [...system, ...kept];
}

function readTools(tools: unknown): ToolDefinition[] {
  if (!Array.isArray(tools)) return [];
  return tools.filter(isSchemaObject).flatMap((tool) => {
    const definition = isSchemaObject(tool.function) ? tool.function : undefined;
    if (definition === undefined || typeof definition.name !== 'string') return [];
    const parameters = isSchemaObject(definition.parameters)
      ? (definition.parameters as JsonSchema)
      : undefined;
    return [{ name: definition.name, ...(parameters === undefined ? {} : { parameters }) }];
  });
}
