import type { SeededRandom } from './seeded-random.js';

/** What a synthesised tool result is built from. */
export type ToolResultInput = {
  readonly functionName: string;
  /** The BFCL `response` schema of the function (BFCL type names: `dict`, `float`…). */
  readonly response: unknown;
  /** The call's arguments. */
  readonly callArguments: Readonly<Record<string, unknown>>;
  /** The item's `initial_config`: the API state (file tree, tweets, accounts) results draw values from. */
  readonly initialConfig: unknown;
  /** Long outputs, as in BFCL's long-context category: lists of 20–80 entries, long file contents. */
  readonly long: boolean;
};

type ConfigIndex = {
  /** Every value in the API state by the key it sits under, at any depth. */
  readonly byKey: ReadonlyMap<string, readonly unknown[]>;
  /** Short strings of the API state (keys and leaf values): names, ids, file names. */
  readonly vocabulary: readonly string[];
};

const indexes = new WeakMap<object, ConfigIndex>();

/**
 * The JSON a tool returns for a call, shaped by the function's documented `response` schema. BFCL
 * runs real Python classes to produce results; without them, values come from the item's own API
 * state where a key matches (a file's content for `cat`, a tweet list, a balance), from the
 * call's arguments where a name matches, and otherwise from the schema (enum values, numbers,
 * `true`, real strings of the API state such as names, symbols and file names).
 *
 * @example
 * synthesizeToolResult({ functionName: 'cat', response: catDoc.response, callArguments: { file_name: 'a.txt' }, initialConfig, long: false }, random);
 * // '{"file_content":"Year2024 This is the final report content…"}'
 */
export function synthesizeToolResult(input: ToolResultInput, random: SeededRandom): string {
  const index = indexOf(input.initialConfig);
  const fileContent = referencedContent(input.callArguments, index);
  const value = valueFor('', input.response, { input, index, fileContent, random }, 0);
  return JSON.stringify(value ?? {});
}

type Context = {
  readonly input: ToolResultInput;
  readonly index: ConfigIndex;
  readonly fileContent: string | undefined;
  readonly random: SeededRandom;
};

function valueFor(name: string, schema: unknown, context: Context, depth: number): unknown {
  const node = isRecord(schema) ? schema : {};
  const type = typeof node.type === 'string' ? node.type : 'dict';
  const description = typeof node.description === 'string' ? node.description : '';
  const { input, index, random } = context;

  if (name !== '' && name in input.callArguments && matchesType(input.callArguments[name], type)) {
    return input.callArguments[name];
  }
  const fromState =
    name === '' ? undefined : index.byKey.get(name)?.find((value) => matchesType(value, type));
  if (fromState !== undefined && depth > 0) return fromState;

  switch (type) {
    case 'string': {
      const options = enumOf(description);
      if (options.length > 0) return random.pick(options);
      if (context.fileContent !== undefined && /content|lines|diff|sorted|text/i.test(name)) {
        return input.long ? context.fileContent.repeat(random.integer(20, 60)) : context.fileContent;
      }
      if (/status|result|message/i.test(name)) return `${input.functionName} completed successfully`;
      return index.vocabulary.length > 0 ? random.pick(index.vocabulary) : description || name;
    }
    case 'integer':
      return random.integer(1, 9_999);
    case 'float':
    case 'number':
      return Math.round(random.next() * 100_000) / 100;
    case 'boolean':
      return true;
    case 'array':
    case 'list':
    case 'tuple': {
      if (Array.isArray(node.items)) return node.items.map((item) => valueFor('', item, context, depth + 1));
      const count = input.long ? random.integer(20, 80) : random.integer(1, 4);
      const lines = context.fileContent?.split(/\n|(?<=\.)\s+/).filter(Boolean);
      if (lines && lines.length > 0 && /lines|content/i.test(name)) {
        return Array.from({ length: count }, (_, position) => lines[position % lines.length]);
      }
      return Array.from({ length: count }, () => valueFor('', node.items, context, depth + 1));
    }
    default: {
      const properties = isRecord(node.properties) ? node.properties : undefined;
      if (!properties || Object.keys(properties).length === 0) return isRecord(fromState) ? fromState : {};
      const out: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(properties)) {
        out[key] = valueFor(key, property, context, depth + 1);
      }
      return out;
    }
  }
}

/** Content of an API-state entry a string argument names (a file name → that file's content). */
function referencedContent(
  callArguments: Readonly<Record<string, unknown>>,
  index: ConfigIndex,
): string | undefined {
  for (const value of Object.values(callArguments)) {
    if (typeof value !== 'string') continue;
    for (const entry of index.byKey.get(value) ?? []) {
      if (isRecord(entry) && typeof entry.content === 'string') return entry.content;
    }
  }
  return undefined;
}

function indexOf(initialConfig: unknown): ConfigIndex {
  if (!isRecord(initialConfig)) return { byKey: new Map(), vocabulary: [] };
  const known = indexes.get(initialConfig);
  if (known) return known;
  const byKey = new Map<string, unknown[]>();
  const vocabulary = new Set<string>();
  const visit = (value: unknown, parentKey: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, parentKey);
      return;
    }
    if (isRecord(value)) {
      for (const [key, child] of Object.entries(value)) {
        const values = byKey.get(key) ?? [];
        values.push(child);
        byKey.set(key, values);
        // Keys are field names, except entry names such as file names (a folder's `contents`).
        if (parentKey === 'contents' && key.length <= 60) vocabulary.add(key);
        visit(child, key);
      }
      return;
    }
    if (typeof value === 'string' && value.length > 0 && value.length <= 60) vocabulary.add(value);
  };
  visit(initialConfig, '');
  const index = { byKey, vocabulary: [...vocabulary] };
  indexes.set(initialConfig, index);
  return index;
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'float':
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
    case 'list':
    case 'tuple':
      return Array.isArray(value);
    default:
      return isRecord(value);
  }
}

/** Values of a BFCL `[Enum]: ["a", "b"]` note in a description. */
function enumOf(description: string): string[] {
  const match = /\[Enum\]:\s*(\[[^\]]*\])/.exec(description);
  if (!match?.[1]) return [];
  try {
    const values: unknown = JSON.parse(match[1]);
    return Array.isArray(values) ? values.filter((value) => typeof value === 'string') : [];
  } catch {
    return [];
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
