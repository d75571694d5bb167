import type { ChatMessage, ChatRequest } from '@switchyard/core';
import { convertBfclSchema } from './convert-bfcl-schema.js';
import { samplingOptions } from './sampling-options.js';
import type { SeededRandom } from './seeded-random.js';
import { toStrictSchema } from './to-strict-schema.js';
import { defaultWorkloadModel, type GeneratorOptions, type WorkloadItem } from './workload-item.js';
import type { BfclToolItem, WorkloadSources } from './workload-sources.js';

/** BFCL categories whose items offer exactly the function the user's request is about. */
const extractionCategories = new Set([
  'simple_python',
  'simple_java',
  'simple_javascript',
  'live_simple',
  'parallel',
  'live_parallel',
]);

const candidatesBySources = new WeakMap<WorkloadSources, readonly BfclToolItem[]>();

/**
 * A structured-output request: extract a BFCL function's arguments from the item's real user
 * request, as JSON matching a schema derived from the function's parameters (`response_format`
 * `json_schema`; for parallel items, an object holding a list of argument sets). About 40 % of
 * those whose every schema node has a type ask for `strict: true`, with the schema made
 * strict-compatible; about 15 % use plain JSON mode (`json_object`) instead.
 *
 * @example
 * const { request } = structuredOutputRequest(sources, random);
 * request.response_format?.type; // 'json_schema' (usually)
 */
export function structuredOutputRequest(
  sources: WorkloadSources,
  random: SeededRandom,
  options: GeneratorOptions = {},
): WorkloadItem {
  const item = random.pick(extractionItems(sources));
  const definition = item.functions[0];
  if (!definition) throw new Error(`${item.id}: no function to derive a schema from`);
  const name = definition.name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  const parallel = item.category.includes('parallel');
  const model = options.model ?? defaultWorkloadModel;

  if (random.chance(0.15)) {
    const instruction = `Extract the arguments for \`${definition.name}\` from the user's message. Reply with a JSON object only.`;
    const request: ChatRequest = {
      model,
      messages: [{ role: 'system', content: instruction }, ...(item.messages as ChatMessage[])],
      response_format: { type: 'json_object' },
      ...samplingOptions(random),
    };
    return { kind: 'structured-output', source: item.id, request };
  }

  const parameters = convertBfclSchema(definition.parameters, `${definition.name}.parameters`);
  const schema: Record<string, unknown> = parallel
    ? { type: 'object', properties: { calls: { type: 'array', items: parameters } }, required: ['calls'] }
    : parameters;
  // Strict mode needs a type on every node; BFCL's `any` parameters have none.
  const strict = random.chance(0.4) && everyNodeTyped(schema);
  const instruction = parallel
    ? `Extract every set of arguments for \`${definition.name}\` the user's message asks for, as JSON matching the schema.`
    : `Extract the arguments for \`${definition.name}\` from the user's message, as JSON matching the schema.`;
  const request: ChatRequest = {
    model,
    messages: [{ role: 'system', content: instruction }, ...(item.messages as ChatMessage[])],
    response_format: {
      type: 'json_schema',
      json_schema: {
        name,
        ...(definition.description ? { description: definition.description.slice(0, 500) } : {}),
        schema: strict ? toStrictSchema(schema) : schema,
        strict,
      },
    },
    ...samplingOptions(random),
  };
  return { kind: 'structured-output', source: item.id, request };
}

function extractionItems(sources: WorkloadSources): readonly BfclToolItem[] {
  let items = candidatesBySources.get(sources);
  if (!items) {
    items = sources.toolItems.filter(
      (item) => extractionCategories.has(item.category) && item.functions.length === 1 && hasProperties(item),
    );
    if (items.length === 0) throw new Error('no single-function BFCL items to derive schemas from');
    candidatesBySources.set(sources, items);
  }
  return items;
}

function hasProperties(item: BfclToolItem): boolean {
  const parameters = item.functions[0]?.parameters as { properties?: Record<string, unknown> } | undefined;
  return Object.keys(parameters?.properties ?? {}).length > 0;
}

function everyNodeTyped(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return true;
  const node = schema as Record<string, unknown>;
  if (node.type === undefined) return false;
  const children = [
    ...Object.values((node.properties as Record<string, unknown> | undefined) ?? {}),
    ...(node.items === undefined ? [] : [node.items]),
  ];
  return children.every(everyNodeTyped);
}
