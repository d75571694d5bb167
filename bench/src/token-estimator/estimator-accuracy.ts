import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { hrtime } from 'node:process';
import { type ChatMessage, type ChatRequest, type ChatTool, profileRequest } from '@switchyard/core';
import { getEncoding } from 'js-tiktoken';
import { describeMachine } from '../decision/describe-machine.js';
import { MissingSharedDataError, sharedDataDirectory, sharedDataPath } from '../shared-data.js';
import { convertBfclFunction } from '../workload/convert-bfcl-function.js';
import { countTokens } from '../workload/count-tokens.js';
import { readJsonLines } from '../workload/read-json-lines.js';
import { type BfclMessage, loadWorkloadSources } from '../workload/workload-sources.js';
import { type ErrorSummary, type EstimatePair, summarizeErrors } from './estimate-errors.js';
import { multilingualSamples } from './multilingual-samples.js';
import { estimateTextWithProfiler, estimateToolsWithProfiler } from './profiler-estimates.js';

/**
 * Accuracy report of the profiler's token estimator against exact cl100k counts (js-tiktoken),
 * on the shared public data: RouteLLM / arena-bench prompts (their stored `prompt_tokens_cl100k`),
 * Arena-Hard prompts, BFCL messages, BFCL tool definitions and whole BFCL requests. Also times
 * the estimator against exact counting and shows what the task classifier makes of labelled sets.
 *
 * Run: `npx tsc -b bench && node bench/dist/token-estimator/estimator-accuracy.js [--json out.json]`
 * (data from SWITCHYARD_SHARED_DIR, else ../shared beside the repository).
 */

type DataSetReport = {
  readonly name: string;
  readonly estimator: ErrorSummary;
  /** The same data with the common `characters / 4` rule, for comparison. */
  readonly charactersOverFour?: ErrorSummary;
};

type SpeedReport = {
  readonly name: string;
  readonly items: number;
  readonly exactMicroseconds: number;
  readonly estimateMicroseconds: number;
  readonly speedup: number;
};

/** Tokens the chat format adds per message and once for the reply (the profiler's accounting). */
const messageOverheadTokens = 4;
const replyPrimingTokens = 3;

function textPairs(texts: readonly string[], exact: (text: string) => number) {
  const estimator: EstimatePair[] = [];
  const baseline: EstimatePair[] = [];
  for (const text of texts) {
    const count = exact(text);
    estimator.push({ estimate: estimateTextWithProfiler(text), exact: count });
    baseline.push({ estimate: Math.round(text.length / 4), exact: count });
  }
  return { estimator: summarizeErrors(estimator), charactersOverFour: summarizeErrors(baseline) };
}

/** Tool JSON as Python's `json.dumps` writes it (`", "` and `": "`), as Jinja `tojson` templates do. */
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${pythonJson(item)}`);
    return `{${entries.join(', ')}}`;
  }
  return JSON.stringify(value);
}

function toMessages(messages: readonly BfclMessage[]): ChatMessage[] {
  return messages.map((message) => ({ role: message.role, content: message.content }) as ChatMessage);
}

function exactPromptTokens(request: ChatRequest): number {
  let total = replyPrimingTokens;
  for (const message of request.messages) {
    total += messageOverheadTokens + (typeof message.content === 'string' ? countTokens(message.content) : 0);
  }
  for (const tool of request.tools ?? []) total += countTokens(JSON.stringify(tool));
  return total;
}

function timeMicroseconds(run: () => void, repetitions: number): number {
  const start = hrtime.bigint();
  for (let repetition = 0; repetition < repetitions; repetition++) run();
  return Number(hrtime.bigint() - start) / 1000 / repetitions;
}

function measureSpeed(
  name: string,
  items: readonly string[],
  exact: (item: string) => number,
  estimate: (item: string) => number,
): SpeedReport {
  let sink = 0;
  const exactAll = () => {
    for (const item of items) sink += exact(item);
  };
  const estimateAll = () => {
    for (const item of items) sink += estimate(item);
  };
  exactAll();
  for (let warmup = 0; warmup < 5; warmup++) estimateAll();
  const exactMicroseconds = timeMicroseconds(exactAll, 1) / items.length;
  const estimateMicroseconds = timeMicroseconds(estimateAll, 20) / items.length;
  if (sink < 0) console.log(sink);
  return {
    name,
    items: items.length,
    exactMicroseconds: Math.round(exactMicroseconds * 100) / 100,
    estimateMicroseconds: Math.round(estimateMicroseconds * 100) / 100,
    speedup: Math.round(exactMicroseconds / estimateMicroseconds),
  };
}

function classifierTable(
  labelled: ReadonlyArray<{ readonly label: string; readonly text: string }>,
): Array<{ label: string; count: number; categories: string }> {
  const byLabel = new Map<string, Map<string, number>>();
  for (const { label, text } of labelled) {
    const category = profileRequest({
      model: 'report',
      messages: [{ role: 'user', content: text }],
    }).taskCategory;
    const counts = byLabel.get(label) ?? new Map<string, number>();
    counts.set(category, (counts.get(category) ?? 0) + 1);
    byLabel.set(label, counts);
  }
  return [...byLabel].map(([label, counts]) => {
    const count = [...counts.values()].reduce((sum, value) => sum + value, 0);
    const categories = [...counts]
      .sort((left, right) => right[1] - left[1])
      .slice(0, 4)
      .map(([category, value]) => `${category} ${Math.round((value / count) * 100)}%`)
      .join(', ');
    return { label, count, categories };
  });
}

function formatSummary(summary: ErrorSummary): string {
  const sign = (value: number) => (value > 0 ? `+${value}` : `${value}`);
  return `${summary.meanAbsolutePercent} | ${summary.medianAbsolutePercent} | ${summary.p90AbsolutePercent} | ${sign(summary.biasPercent)} | ${sign(summary.totalErrorPercent)}`;
}

function run(argv: readonly string[]): void {
  const jsonIndex = argv.indexOf('--json');
  const jsonPath = jsonIndex === -1 ? undefined : argv[jsonIndex + 1];
  if (jsonIndex !== -1 && jsonPath === undefined) throw new Error('--json needs a file path');

  const sharedDir = sharedDataDirectory();
  const sources = loadWorkloadSources(sharedDir);
  const trainRows = readJsonLines(sharedDataPath(sharedDir, 'data/routing/train.jsonl')) as Array<{
    source: string;
    category: string;
    prompt: string;
    context_turns?: string[];
    prompt_tokens_cl100k: number;
  }>;

  const textSets: DataSetReport[] = [];
  // routing/train.jsonl: the stored count covers the prompt and its earlier turns.
  for (const source of [...new Set(trainRows.map((row) => row.source))]) {
    const estimator: EstimatePair[] = [];
    const baseline: EstimatePair[] = [];
    for (const row of trainRows.filter((candidate) => candidate.source === source)) {
      const texts = [...(row.context_turns ?? []), row.prompt];
      const estimate = texts.reduce((sum, text) => sum + estimateTextWithProfiler(text), 0);
      const characters = texts.reduce((sum, text) => sum + text.length, 0);
      estimator.push({ estimate, exact: row.prompt_tokens_cl100k });
      baseline.push({ estimate: Math.round(characters / 4), exact: row.prompt_tokens_cl100k });
    }
    textSets.push({
      name: `routing/train.jsonl ${source}`,
      estimator: summarizeErrors(estimator),
      charactersOverFour: summarizeErrors(baseline),
    });
  }
  for (const version of ['arena-hard-v0.1', 'arena-hard-v2.0']) {
    const prompts = sources.arenaPrompts.filter((prompt) => prompt.source === version);
    textSets.push({
      name: `prompts ${version}`,
      ...textPairs(
        prompts.map((prompt) => prompt.prompt),
        countTokens,
      ),
    });
  }
  const singleTurnTexts = sources.toolItems.flatMap((item) =>
    item.messages.map((message) => message.content),
  );
  const multiTurnTexts = sources.chainItems.flatMap((item) =>
    item.turns.flatMap((turn) => turn.map((message) => message.content)),
  );
  textSets.push({
    name: 'BFCL messages, single-turn',
    ...textPairs(singleTurnTexts.filter(Boolean), countTokens),
  });
  textSets.push({
    name: 'BFCL messages, multi-turn',
    ...textPairs(multiTurnTexts.filter(Boolean), countTokens),
  });
  textSets.push({
    name: 'multilingual spot check (16 sentences)',
    ...textPairs(
      multilingualSamples.map((sample) => sample.text),
      countTokens,
    ),
  });

  // Tool definitions, each counted as its compact JSON.
  const toolsByJson = new Map<string, ChatTool>();
  const addTool = (tool: ChatTool) => toolsByJson.set(JSON.stringify(tool), tool);
  for (const item of sources.toolItems) item.functions.map(convertBfclFunction).forEach(addTool);
  for (const docs of sources.functionDocs.values()) docs.map(convertBfclFunction).forEach(addTool);
  const toolPairs: EstimatePair[] = [];
  let compactTotal = 0;
  let pythonTotal = 0;
  for (const [json, tool] of toolsByJson) {
    const exact = countTokens(json);
    toolPairs.push({ estimate: estimateToolsWithProfiler([tool]), exact });
    compactTotal += exact;
    pythonTotal += countTokens(pythonJson(tool));
  }
  const toolSet: DataSetReport = {
    name: 'BFCL tool definitions (unique)',
    estimator: summarizeErrors(toolPairs),
  };

  // Whole requests: profile.promptTokens against messages + tools counted exactly.
  const requestSets: DataSetReport[] = [];
  const singleTurnRequests = sources.toolItems.map(
    (item): ChatRequest => ({
      model: 'report',
      messages: toMessages(item.messages),
      tools: item.functions.map(convertBfclFunction),
    }),
  );
  const multiTurnRequests = sources.chainItems.map(
    (item): ChatRequest => ({
      model: 'report',
      messages: toMessages(item.turns.flat()),
      tools: item.functions.map(convertBfclFunction),
    }),
  );
  for (const [name, requests] of [
    ['BFCL requests, single-turn', singleTurnRequests],
    ['BFCL requests, multi-turn (all turns, all tools)', multiTurnRequests],
  ] as const) {
    requestSets.push({
      name,
      estimator: summarizeErrors(
        requests.map((request) => ({
          estimate: profileRequest(request).promptTokens,
          exact: exactPromptTokens(request),
        })),
      ),
    });
  }

  // Speed: a fresh encoder without memoisation against the profiler.
  const encoder = getEncoding('cl100k_base');
  const exactCount = (text: string) => encoder.encode(text).length;
  const toolJsons = [...toolsByJson.keys()];
  const speed = [
    measureSpeed(
      'Arena-Hard prompts (text)',
      sources.arenaPrompts.map((prompt) => prompt.prompt),
      exactCount,
      estimateTextWithProfiler,
    ),
    measureSpeed('BFCL tool definitions', toolJsons, exactCount, (json) =>
      estimateToolsWithProfiler([toolsByJson.get(json)!]),
    ),
  ];

  const classifier = classifierTable([
    ...trainRows
      .filter((row) => row.source !== 'routellm/mmlu')
      .map((row) => ({ label: `${row.source} ${row.category}`, text: row.prompt })),
    ...trainRows
      .filter((row) => row.source === 'routellm/mmlu')
      .map((row) => ({ label: 'routellm/mmlu (all subjects)', text: row.prompt })),
    ...sources.arenaPrompts
      .filter((prompt) => prompt.source === 'arena-hard-v2.0')
      .map((prompt) => ({ label: `arena-hard-v2.0 ${prompt.category}`, text: prompt.prompt })),
  ]);

  const machine = describeMachine();
  const lines = [
    '# Token estimator accuracy',
    '',
    `Command: node bench/dist/token-estimator/estimator-accuracy.js (data: ${sharedDir})`,
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, ${machine.os}; load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
    '',
    'Errors in % of the exact cl100k count (js-tiktoken). Bias and "set" are signed: + = over-count; "set" is the error of the summed tokens.',
    '',
    '| data set | n | mean abs | median abs | p90 abs | bias | set | chars/4 mean abs |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...[...textSets, toolSet, ...requestSets].map(
      (set) =>
        `| ${set.name} | ${set.estimator.count} | ${formatSummary(set.estimator)} | ${set.charactersOverFour?.meanAbsolutePercent ?? '–'} |`,
    ),
    '',
    `Tool definitions rendered as Python \`json.dumps\` (\`", "\`, \`": "\`) cost ${Math.round((pythonTotal / compactTotal - 1) * 100)}% more tokens than compact JSON on this set.`,
    '',
    '## Speed (per item)',
    '',
    '| items | n | exact (js-tiktoken) µs | profiler µs | speed-up |',
    '|---|---:|---:|---:|---:|',
    ...speed.map(
      (row) =>
        `| ${row.name} | ${row.items} | ${row.exactMicroseconds} | ${row.estimateMicroseconds} | ${row.speedup}× |`,
    ),
    '',
    'The profiler column is a whole `profileRequest` call (estimate, classifier, tags) on a one-message or tools-only request.',
    '',
    '## Task classifier on labelled prompts (top categories)',
    '',
    '| label | n | taskCategory |',
    '|---|---:|---|',
    ...classifier.map((row) => `| ${row.label} | ${row.count} | ${row.categories} |`),
  ];
  console.log(lines.join('\n'));
  if (jsonPath !== undefined) {
    writeFileSync(
      jsonPath,
      `${JSON.stringify({ machine, textSets, toolSet, requestSets, speed, classifier }, null, 2)}\n`,
    );
  }
}

try {
  run(process.argv.slice(2));
} catch (error) {
  if (error instanceof MissingSharedDataError) {
    console.error(`estimator-accuracy: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
