import { sharedDataPath } from '../shared-data.js';
import type { BfclFunction } from './convert-bfcl-function.js';
import { readJsonLines } from './read-json-lines.js';

/** A real user prompt from Arena-Hard. */
export type ArenaPrompt = {
  readonly id: string;
  /** `arena-hard-v0.1` or `arena-hard-v2.0`. */
  readonly source: string;
  /** Topic cluster (v0.1) or subcategory (v2.0): `coding`, `math`, `creative_writing`… */
  readonly category: string;
  readonly prompt: string;
};

/** A labeled routing prompt (RouteLLM evals, arena-bench v1). */
export type RoutingPrompt = {
  readonly id: string;
  readonly source: string;
  readonly category: string;
  readonly prompt: string;
  /** Earlier user turns of a multi-turn item (MT-Bench turn 2), oldest first. */
  readonly contextTurns: readonly string[];
};

/** One message of a BFCL question. */
export type BfclMessage = { readonly role: 'system' | 'user' | 'assistant'; readonly content: string };

/** A single-turn BFCL item: the conversation and the tools offered. */
export type BfclToolItem = {
  readonly id: string;
  /** File category: `simple_python`, `live_multiple`, `parallel`… */
  readonly category: string;
  readonly messages: readonly BfclMessage[];
  readonly functions: readonly BfclFunction[];
};

/** A multi-turn BFCL item: user turns, the tools of its API classes, and the accepted calls per turn. */
export type BfclChainItem = {
  readonly id: string;
  /** `multi_turn_base`, `multi_turn_long_context`, `multi_turn_miss_func`, `multi_turn_miss_param`. */
  readonly category: string;
  /** User turns; a turn may be empty (a held-back function becomes available and the model goes on). */
  readonly turns: readonly (readonly BfclMessage[])[];
  /** Tools of the involved API classes, minus the item's excluded functions. */
  readonly functions: readonly BfclFunction[];
  /** Functions held back until a turn (`miss_func`): turn index → names. */
  readonly heldBack: ReadonlyMap<number, readonly string[]>;
  /** Accepted calls per turn, in Python call syntax (`cd(folder='document')`). */
  readonly calls: readonly (readonly string[])[];
  /** The API state the item starts from (file trees, accounts, tweets…). */
  readonly initialConfig: unknown;
};

/** Everything the workload generators draw from, read once from the shared data folder. */
export type WorkloadSources = {
  readonly arenaPrompts: readonly ArenaPrompt[];
  readonly routingPrompts: readonly RoutingPrompt[];
  /** The routing prompts that carry earlier turns. */
  readonly multiTurnPrompts: readonly RoutingPrompt[];
  readonly toolItems: readonly BfclToolItem[];
  readonly chainItems: readonly BfclChainItem[];
  /** Multi-turn tool docs by BFCL API class (`GorillaFileSystem`, `TwitterAPI`…). */
  readonly functionDocs: ReadonlyMap<string, readonly BfclFunction[]>;
};

/** BFCL's API classes and their doc files (bfcl_eval constants: MULTI_TURN_FUNC_DOC_FILE_MAPPING). */
const functionDocFiles: Readonly<Record<string, string>> = {
  GorillaFileSystem: 'gorilla_file_system.json',
  MathAPI: 'math_api.json',
  MessageAPI: 'message_api.json',
  TwitterAPI: 'posting_api.json',
  TicketAPI: 'ticket_api.json',
  TradingBot: 'trading_bot.json',
  TravelAPI: 'travel_booking.json',
  VehicleControlAPI: 'vehicle_control.json',
  WebSearchAPI: 'web_search.json',
  MemoryAPI_kv: 'memory_kv.json',
  MemoryAPI_vector: 'memory_vector.json',
  MemoryAPI_rec_sum: 'memory_rec_sum.json',
};

/** Single-turn BFCL categories used for tool requests. */
export const bfclToolCategories = [
  'simple_python',
  'simple_java',
  'simple_javascript',
  'multiple',
  'parallel',
  'parallel_multiple',
  'live_simple',
  'live_multiple',
  'live_parallel',
  'live_parallel_multiple',
  'live_relevance',
  'irrelevance',
  'live_irrelevance',
] as const;

/** Multi-turn BFCL categories used for tool chains. */
export const bfclChainCategories = [
  'multi_turn_base',
  'multi_turn_long_context',
  'multi_turn_miss_func',
  'multi_turn_miss_param',
] as const;

/** Files {@link loadWorkloadSources} reads, relative to the shared folder. */
export const workloadDataFiles: readonly string[] = [
  'data/prompts/arena-hard-v0.1_question.jsonl',
  'data/prompts/arena-hard-v2.0_question.jsonl',
  'data/routing/train.jsonl',
  ...bfclToolCategories.map((category) => `data/tools/question/BFCL_v4_${category}.json`),
  ...bfclChainCategories.flatMap((category) => [
    `data/tools/question/BFCL_v4_${category}.json`,
    `data/tools/possible_answer/BFCL_v4_${category}.json`,
  ]),
  ...Object.values(functionDocFiles).map((file) => `data/tools/multi_turn_func_doc/${file}`),
];

const cache = new Map<string, WorkloadSources>();

/**
 * Reads the public data sets the workload is built from (arena prompts, routing prompts, BFCL
 * single- and multi-turn items with their tool docs and accepted calls). Files are read in place
 * and the result is cached per folder.
 *
 * @throws {MissingSharedDataError} when a file is absent, naming it and where to get it.
 * @example
 * const sources = loadWorkloadSources(sharedDataDirectory());
 * sources.chainItems.length; // 800
 */
export function loadWorkloadSources(sharedDir: string): WorkloadSources {
  const cached = cache.get(sharedDir);
  if (cached) return cached;
  for (const file of workloadDataFiles) sharedDataPath(sharedDir, file);
  const read = (relativePath: string) => readJsonLines(sharedDataPath(sharedDir, relativePath));

  const arenaPrompts = ['v0.1', 'v2.0'].flatMap((version) =>
    read(`data/prompts/arena-hard-${version}_question.jsonl`).map((row, index) => {
      const where = `arena-hard-${version}_question.jsonl row ${index + 1}`;
      const record = asRecord(row, where);
      return {
        id: text(record.uid, `${where}.uid`),
        source: `arena-hard-${version}`,
        category: text(record.subcategory ?? record.cluster ?? record.category, `${where}.category`),
        prompt: text(record.prompt, `${where}.prompt`),
      };
    }),
  );

  const routingPrompts = read('data/routing/train.jsonl').map((row, index): RoutingPrompt => {
    const where = `train.jsonl row ${index + 1}`;
    const record = asRecord(row, where);
    const contextTurns = record.context_turns ?? [];
    if (!Array.isArray(contextTurns)) throw new TypeError(`${where}.context_turns: expected a list`);
    return {
      id: text(record.id, `${where}.id`),
      source: text(record.source, `${where}.source`),
      category: text(record.category, `${where}.category`),
      prompt: text(record.prompt, `${where}.prompt`),
      contextTurns: contextTurns.map((turn, turnIndex) => text(turn, `${where}.context_turns[${turnIndex}]`)),
    };
  });

  const functionDocs = new Map<string, readonly BfclFunction[]>();
  for (const [className, file] of Object.entries(functionDocFiles)) {
    const docs = read(`data/tools/multi_turn_func_doc/${file}`);
    functionDocs.set(
      className,
      docs.map((doc, index) => bfclFunction(doc, `${file} row ${index + 1}`)),
    );
  }

  const toolItems = bfclToolCategories.flatMap((category) =>
    read(`data/tools/question/BFCL_v4_${category}.json`).flatMap((row, index): BfclToolItem[] => {
      const where = `BFCL_v4_${category}.json row ${index + 1}`;
      const record = asRecord(row, where);
      const functions = list(record.function, `${where}.function`).map((doc, functionIndex) =>
        bfclFunction(doc, `${where}.function[${functionIndex}]`),
      );
      const messages = list(record.question, `${where}.question`).flatMap((turn, turnIndex) =>
        bfclTurn(turn, `${where}.question[${turnIndex}]`),
      );
      if (functions.length === 0 || !messages.some((message) => message.role === 'user')) return [];
      return [{ id: text(record.id, `${where}.id`), category, messages, functions }];
    }),
  );

  const chainItems = bfclChainCategories.flatMap((category) => {
    const answers = new Map<string, readonly (readonly string[])[]>();
    read(`data/tools/possible_answer/BFCL_v4_${category}.json`).forEach((row, index) => {
      const where = `possible_answer/BFCL_v4_${category}.json row ${index + 1}`;
      const record = asRecord(row, where);
      const turns = list(record.ground_truth, `${where}.ground_truth`).map((turn, turnIndex) =>
        list(turn, `${where}.ground_truth[${turnIndex}]`).map((call, callIndex) =>
          text(call, `${where}.ground_truth[${turnIndex}][${callIndex}]`),
        ),
      );
      answers.set(text(record.id, `${where}.id`), turns);
    });
    return read(`data/tools/question/BFCL_v4_${category}.json`).map((row, index): BfclChainItem => {
      const where = `question/BFCL_v4_${category}.json row ${index + 1}`;
      const record = asRecord(row, where);
      const id = text(record.id, `${where}.id`);
      const calls = answers.get(id);
      if (!calls)
        throw new Error(
          `${where}: no accepted calls for '${id}' in possible_answer/BFCL_v4_${category}.json`,
        );
      const excluded = new Set(list(record.excluded_function ?? [], `${where}.excluded_function`));
      const functions = list(record.involved_classes, `${where}.involved_classes`).flatMap((className) => {
        const docs = functionDocs.get(text(className, `${where}.involved_classes`));
        if (!docs) throw new Error(`${where}: unknown API class '${String(className)}' (no tool doc for it)`);
        return docs.filter((doc) => !excluded.has(doc.name));
      });
      const heldBack = new Map<number, readonly string[]>();
      for (const [turn, names] of Object.entries(
        asRecord(record.missed_function ?? {}, `${where}.missed_function`),
      )) {
        heldBack.set(
          Number(turn),
          list(names, `${where}.missed_function.${turn}`).map((name) =>
            text(name, `${where}.missed_function`),
          ),
        );
      }
      return {
        id,
        category,
        turns: list(record.question, `${where}.question`).map((turn, turnIndex) =>
          bfclTurn(turn, `${where}.question[${turnIndex}]`),
        ),
        functions,
        heldBack,
        calls,
        initialConfig: record.initial_config ?? {},
      };
    });
  });

  const sources: WorkloadSources = {
    arenaPrompts,
    routingPrompts,
    multiTurnPrompts: routingPrompts.filter((prompt) => prompt.contextTurns.length > 0),
    toolItems,
    chainItems,
    functionDocs,
  };
  cache.set(sharedDir, sources);
  return sources;
}

function bfclFunction(value: unknown, where: string): BfclFunction {
  const record = asRecord(value, where);
  return {
    name: text(record.name, `${where}.name`),
    ...(typeof record.description === 'string' ? { description: record.description } : {}),
    parameters: record.parameters,
    response: record.response,
  };
}

function bfclTurn(value: unknown, where: string): BfclMessage[] {
  return list(value, where).map((message, index) => {
    const record = asRecord(message, `${where}[${index}]`);
    const role = record.role;
    if (role !== 'system' && role !== 'user' && role !== 'assistant') {
      throw new TypeError(`${where}[${index}].role: unexpected role ${JSON.stringify(role)}`);
    }
    return { role, content: text(record.content, `${where}[${index}].content`) };
  });
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${where}: expected an object`);
  }
  return value as Record<string, unknown>;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${where}: expected a list`);
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new TypeError(`${where}: expected a string`);
  return value;
}
