import type { ChatMessage, ChatRequest } from '@switchyard/core';
import { type BfclFunction, convertBfclFunction } from './convert-bfcl-function.js';
import { parsePythonCall } from './parse-python-call.js';
import { samplingOptions } from './sampling-options.js';
import type { SeededRandom } from './seeded-random.js';
import { synthesizeToolResult } from './synthesize-tool-result.js';
import { defaultWorkloadModel, type GeneratorOptions, type WorkloadItem } from './workload-item.js';
import type { BfclChainItem, WorkloadSources } from './workload-sources.js';

/** Settings of {@link toolChainRequest}. */
export type ToolChainOptions = GeneratorOptions & {
  /** Assistant tool-call rounds in the conversation (default: drawn evenly from 1–6). */
  readonly depth?: number;
};

/** Deepest chain the generator builds by default. */
export const maxWorkloadToolChainDepth = 6;

/**
 * A tool chain in progress, from a BFCL multi-turn item: the user turns, and for each accepted
 * call (BFCL's ground truth) an assistant message with that `tool_call` followed by the tool's
 * result, until `depth` rounds are in the conversation. A finished turn gets a short assistant
 * reply before the next user turn; a turn whose request lacks a parameter (`miss_param`) gets a
 * clarifying question. The request usually ends on a tool result (the model continues the chain),
 * sometimes on the next user turn. Tools are those of the item's API classes, without the ones
 * BFCL holds back until a later turn (`miss_func`).
 *
 * @example
 * const { request } = toolChainRequest(sources, random, { depth: 4 });
 * request.messages.filter((message) => message.role === 'assistant' && message.tool_calls).length; // 4
 */
export function toolChainRequest(
  sources: WorkloadSources,
  random: SeededRandom,
  options: ToolChainOptions = {},
): WorkloadItem {
  const depth = options.depth ?? random.integer(1, maxWorkloadToolChainDepth);
  if (!Number.isInteger(depth) || depth < 1)
    throw new RangeError(`depth must be a positive integer, got ${depth}`);
  const deepEnough = sources.chainItems.filter((item) => totalCalls(item) >= depth);
  if (deepEnough.length === 0) throw new RangeError(`no BFCL multi-turn item has ${depth} accepted calls`);
  const item = random.pick(deepEnough);
  const docs = new Map(item.functions.map((doc) => [doc.name, doc]));
  const messages: ChatMessage[] = [];
  let rounds = 0;
  let lastTurn = 0;

  for (let turn = 0; turn < item.turns.length && rounds < depth; turn++) {
    lastTurn = turn;
    messages.push(...((item.turns[turn] ?? []) as ChatMessage[]));
    const calls = item.calls[turn] ?? [];
    if (calls.length === 0) {
      messages.push({ role: 'assistant', content: clarifyingQuestion });
      continue;
    }
    let callsMade = 0;
    for (const text of calls) {
      if (rounds === depth) break;
      const call = parsePythonCall(text);
      const doc = docs.get(call.name);
      if (!doc) throw new Error(`${item.id}: accepted call '${call.name}' is not among the item's tools`);
      const callArguments = namedArguments(call.positional, call.keyword, doc, item.id);
      const id = `call_${random.token(24)}`;
      messages.push({
        role: 'assistant',
        content: null,
        tool_calls: [
          { id, type: 'function', function: { name: call.name, arguments: JSON.stringify(callArguments) } },
        ],
      });
      const result = synthesizeToolResult(
        {
          functionName: call.name,
          response: doc.response,
          callArguments,
          initialConfig: item.initialConfig,
          long: item.category === 'multi_turn_long_context',
        },
        random,
      );
      messages.push({ role: 'tool', tool_call_id: id, content: result });
      rounds++;
      callsMade++;
    }
    const nextTurn = item.turns[turn + 1];
    if (
      rounds === depth &&
      callsMade === calls.length &&
      nextTurn &&
      nextTurn.length > 0 &&
      random.chance(0.4)
    ) {
      messages.push({ role: 'assistant', content: turnSummary(calls) });
      messages.push(...(nextTurn as ChatMessage[]));
      lastTurn = turn + 1;
    } else if (rounds < depth) {
      messages.push({ role: 'assistant', content: turnSummary(calls) });
    }
  }

  const heldBack = new Set<string>();
  for (const [turn, names] of item.heldBack)
    if (turn > lastTurn) for (const name of names) heldBack.add(name);
  const request: ChatRequest = {
    model: options.model ?? defaultWorkloadModel,
    messages,
    tools: item.functions.filter((doc) => !heldBack.has(doc.name)).map(convertBfclFunction),
    ...samplingOptions(random),
  };
  return { kind: 'tool-chain', source: item.id, request };
}

const clarifyingQuestion =
  'I can do that, but a required detail is missing from your request. Could you tell me the exact value to use?';

function turnSummary(calls: readonly string[]): string {
  const names = [...new Set(calls.map((text) => text.slice(0, text.indexOf('('))))];
  return `Done: I ran ${names.join(', ')} and the results are above.`;
}

function totalCalls(item: BfclChainItem): number {
  return item.calls.reduce((sum, turn) => sum + turn.length, 0);
}

/** Positional arguments take the parameter names in the order the tool doc lists them. */
function namedArguments(
  positional: readonly unknown[],
  keyword: Readonly<Record<string, unknown>>,
  doc: BfclFunction,
  itemId: string,
): Record<string, unknown> {
  const parameters = doc.parameters as { properties?: Record<string, unknown> } | undefined;
  const names = Object.keys(parameters?.properties ?? {});
  if (positional.length > names.length) {
    throw new Error(
      `${itemId}: ${doc.name} takes ${names.length} parameters, call gives ${positional.length}`,
    );
  }
  const out: Record<string, unknown> = {};
  positional.forEach((value, index) => {
    out[names[index] as string] = value;
  });
  return { ...out, ...keyword };
}
