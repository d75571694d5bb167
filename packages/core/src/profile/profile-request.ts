import { InvalidConfigError } from '../errors/invalid-config-error.js';
import type { ChatMessage, ChatRequest, TierHint } from '../request/chat-request-schema.js';
import type { RequestProfile, StructuredOutputNeed, TaskCategory } from '../spec/request-profile.js';
import type { Tier } from '../spec/target.js';
import { classifyTask } from './classify-task.js';
import { countSchemaNodes } from './count-schema-nodes.js';
import { estimateTextTokens } from './estimate-text-tokens.js';
import { estimateToolTokens } from './estimate-tool-tokens.js';
import { findTierTag } from './find-tier-tag.js';
import {
  AUDIO_PART_TOKENS,
  FILE_PART_TOKENS,
  IMAGE_TOKENS,
  LOW_DETAIL_IMAGE_TOKENS,
  MESSAGE_NAME_OVERHEAD_TOKENS,
  MESSAGE_OVERHEAD_TOKENS,
  REPLY_PRIMING_TOKENS,
  TOOL_CALL_OVERHEAD_TOKENS,
} from './prompt-token-costs.js';
import { longDocumentRule, taskRules, unknownTaskRule } from './task-rules.js';

/** Counts the tokens of a piece of text exactly (e.g. a cl100k tokenizer). */
export type TokenCounter = (text: string) => number;

/** Settings of {@link profileRequest}. */
export type ProfilerOptions = {
  /**
   * Exact counter for message text; default: the fast character-class estimator. With a counter,
   * tool definitions are counted as their compact JSON (slower, exact for that rendering).
   */
  readonly tokenCounter?: TokenCounter;
  /** Prompts of at least this many tokens are classified `long-document` (default 12,000). */
  readonly longDocumentTokens?: number;
  /**
   * Output tokens to expect per task category when the request sets no cap, replacing the
   * classifier's defaults (see docs/profiler.md for them).
   */
  readonly expectedOutputTokens?: Partial<Record<TaskCategory, number>>;
};

/** Default of {@link ProfilerOptions.longDocumentTokens}. */
export const DEFAULT_LONG_DOCUMENT_TOKENS = 12_000;
/** Structured answers skip prose: the expected output is scaled by this (never below 16). */
export const STRUCTURED_OUTPUT_FACTOR = 0.6;
/** Most output expected from the input size alone (translate, format, rewrite). */
const MAX_INPUT_SCALED_OUTPUT_TOKENS = 4096;
/** Characters kept from each end when the last user message has several text parts. */
const PART_WINDOW_CHARS = 2000;

const noTags: readonly string[] = Object.freeze([]);

/** Every category the classifier can return. */
const knownCategories: ReadonlySet<string> = new Set([
  ...taskRules.map((rule) => rule.category),
  longDocumentRule.category,
  unknownTaskRule.category,
]);

const tierOfHintName: Readonly<Record<string, Tier>> = { small: 1, large: 2, cloud: 3 };

function tierOfHint(hint: TierHint | undefined): Tier | undefined {
  if (hint === undefined) return undefined;
  return typeof hint === 'number' ? hint : tierOfHintName[hint];
}

function checkedCounter(counter: TokenCounter): TokenCounter {
  return (text) => {
    const tokens = counter(text);
    if (!(tokens >= 0) || tokens === Number.POSITIVE_INFINITY) {
      throw new InvalidConfigError({
        message: `profiler.tokenCounter returned ${String(tokens)} for a ${text.length}-character text; it must return a non-negative finite number`,
        issues: ['profiler.tokenCounter: must return a non-negative finite number'],
      });
    }
    return tokens;
  };
}

function checkOptions(options: ProfilerOptions): void {
  const issues: string[] = [];
  const threshold = options.longDocumentTokens;
  if (threshold !== undefined && !(threshold > 0 && Number.isFinite(threshold))) {
    issues.push('profiler.longDocumentTokens: must be a positive number');
  }
  const outputs = options.expectedOutputTokens;
  for (const category in outputs) {
    const tokens = outputs[category as TaskCategory];
    if (!knownCategories.has(category)) {
      issues.push(
        `profiler.expectedOutputTokens.${category}: not a task category (one of ${[...knownCategories].join(', ')})`,
      );
    } else if (!(typeof tokens === 'number' && tokens >= 0 && Number.isFinite(tokens))) {
      issues.push(`profiler.expectedOutputTokens.${category}: must be a non-negative number`);
    }
  }
  if (issues.length > 0) {
    throw new InvalidConfigError({ message: `Invalid profiler options: ${issues.join('; ')}`, issues });
  }
}

/** Text of the message content for the classifier and tag search: the first and last text parts. */
function textOf(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  let first: string | undefined;
  let last: string | undefined;
  for (const part of content) {
    if (part.type !== 'text') continue;
    if (first === undefined) first = part.text;
    else last = part.text;
  }
  if (first === undefined) return '';
  if (last === undefined) return first;
  return first.slice(0, PART_WINDOW_CHARS) + '\n' + last.slice(-PART_WINDOW_CHARS);
}

/**
 * Profiles a request once, for every policy to read: estimated prompt tokens (messages, images,
 * tool definitions, per-message overhead), output expectations, tools and tool-chain depth,
 * structured-output need, privacy, tier hints and tags, and a keyword task classification.
 *
 * Without `options.tokenCounter` it runs in bounded time per message (long texts are sampled,
 * tool schemas walked, the classifier reads fixed windows): about 5 µs median for a 4k-token
 * prompt with 12 tools on a 2-core Xeon VM (see docs/profiler.md).
 *
 * @example
 * ```ts
 * const profile = profileRequest({
 *   model: 'auto',
 *   messages: [{ role: 'user', content: '[tier1] Translate into French: good morning' }],
 * });
 * profile.taskCategory; // 'translate'
 * profile.tierTag; // 1
 * ```
 */
export function profileRequest(request: ChatRequest, options?: ProfilerOptions): RequestProfile {
  if (options !== undefined) checkOptions(options);
  const countText =
    options?.tokenCounter === undefined ? estimateTextTokens : checkedCounter(options.tokenCounter);

  let messageTokens = 0;
  let imageCount = 0;
  let userTurns = 0;
  let toolChainDepth = 0;
  let lastUserText = '';
  let lastUserTokens = 0;
  let systemText: string | undefined;

  const messages = request.messages;
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index]!;
    let tokens = MESSAGE_OVERHEAD_TOKENS;
    const name = message.name;
    if (typeof name === 'string') tokens += MESSAGE_NAME_OVERHEAD_TOKENS + countText(name);
    const content = message.content;
    if (typeof content === 'string') {
      tokens += countText(content);
    } else if (content !== null && content !== undefined) {
      for (const part of content) {
        switch (part.type) {
          case 'text':
            tokens += countText(part.text);
            break;
          case 'refusal':
            tokens += countText(part.refusal);
            break;
          case 'image_url':
            imageCount++;
            tokens += part.image_url.detail === 'low' ? LOW_DETAIL_IMAGE_TOKENS : IMAGE_TOKENS;
            break;
          case 'input_audio':
            tokens += AUDIO_PART_TOKENS;
            break;
          case 'file':
            tokens += FILE_PART_TOKENS;
            break;
        }
      }
    }
    switch (message.role) {
      case 'system':
      case 'developer':
        if (systemText === undefined) systemText = textOf(content);
        break;
      case 'user':
        userTurns++;
        lastUserText = textOf(content);
        lastUserTokens = tokens - MESSAGE_OVERHEAD_TOKENS;
        break;
      case 'assistant': {
        if (typeof message.refusal === 'string') tokens += countText(message.refusal);
        const calls = message.tool_calls;
        if (calls !== undefined && calls.length > 0) {
          toolChainDepth++;
          for (const call of calls) {
            tokens +=
              TOOL_CALL_OVERHEAD_TOKENS + countText(call.function.name) + countText(call.function.arguments);
          }
        }
        break;
      }
      case 'tool':
        break;
    }
    messageTokens += tokens;
  }

  const tools = request.tools;
  let toolSchemaTokens = 0;
  if (tools !== undefined) {
    for (const tool of tools) {
      toolSchemaTokens +=
        options?.tokenCounter === undefined ? estimateToolTokens(tool) : countText(JSON.stringify(tool));
    }
  }
  const promptTokens = messageTokens + toolSchemaTokens + REPLY_PRIMING_TOKENS;

  const structuredOutput = structuredOutputOf(request);
  const task = classifyTask({
    userText: lastUserText,
    systemText: systemText ?? '',
    promptTokens,
    longDocumentTokens: options?.longDocumentTokens ?? DEFAULT_LONG_DOCUMENT_TOKENS,
  });

  const maxOutputTokens = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  let expectedOutputTokens: number;
  if (maxOutputTokens !== undefined) {
    expectedOutputTokens = maxOutputTokens;
  } else {
    const configured = options?.expectedOutputTokens?.[task.category];
    let expected = configured ?? task.expectedOutputTokens;
    if (configured === undefined && task.scalesWithInput === true) {
      expected = Math.max(expected, Math.min(lastUserTokens, MAX_INPUT_SCALED_OUTPUT_TOKENS));
    }
    if (structuredOutput.mode !== 'none') {
      expected = Math.max(16, Math.round(expected * STRUCTURED_OUTPUT_FACTOR));
    }
    expectedOutputTokens = expected;
  }

  const hints = request.switchyard;
  return {
    promptTokens,
    maxOutputTokens,
    expectedOutputTokens,
    toolCount: tools?.length ?? 0,
    toolSchemaTokens,
    toolChainDepth,
    structuredOutput,
    privacy: hints?.privacy ?? 'any',
    imageCount,
    requestedTier: tierOfHint(hints?.tier),
    tierTag: lastUserText.length > 0 ? findTierTag(lastUserText) : undefined,
    taskCategory: task.category,
    complexity: task.complexity,
    messageCount: messages.length,
    userTurns,
    stream: request.stream === true,
    maxCostUsd: hints?.maxCostUsd,
    latencyBudgetMs: hints?.latencyBudgetMs,
    tags: hints?.tags ?? noTags,
  };
}

const noStructuredOutput: StructuredOutputNeed = { mode: 'none' };
const jsonObjectOutput: StructuredOutputNeed = { mode: 'json_object' };

function structuredOutputOf(request: ChatRequest): StructuredOutputNeed {
  const format = request.response_format;
  if (format === undefined || format.type === 'text') return noStructuredOutput;
  if (format.type === 'json_object') return jsonObjectOutput;
  const schema = format.json_schema.schema;
  return {
    mode: 'json_schema',
    schemaSize: schema === undefined ? 0 : countSchemaNodes(schema),
    strict: format.json_schema.strict === true,
  };
}
