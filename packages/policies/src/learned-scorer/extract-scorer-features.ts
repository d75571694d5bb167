import type { ChatRequest, RequestProfile } from '@switchyard/core';
import { combineHashes, FNV_OFFSET_BASIS, finalizeHash, hashStep, hashString } from './hash-feature.js';
import { scorerTexts, type TextSegment } from './scorer-texts.js';

/** How text becomes features; stored in the weights file so training and scoring agree. */
export type ScorerFeatureSettings = {
  /** log2 of the number of hashed buckets (18 → 262,144). */
  readonly hashBits: number;
  /** Hash word pairs as well as single words. */
  readonly wordBigrams: boolean;
  /** Length of the character n-grams hashed inside each word (fastText-style, with `<` `>` marks); 0 = none. */
  readonly charNgramLength: number;
};

/** Receives one feature: its bucket and its (signed, scaled) value. Buckets may repeat; values add. */
export type FeatureSink = (index: number, value: number) => void;

const WORD_SEED = 1;
const CHAR_SEED = 3;
const DENSE_SEED = 7;

/** Named request-profile features, hashed once. Their values are scaled to roughly [0, 1]. */
export const denseFeatureNames = [
  'prompt-tokens',
  'earlier-turns',
  'lines',
  'numbers',
  'math-symbols',
  'code-symbols',
  'question-marks',
  'choice-lines',
  'long-words',
  'mean-word-length',
  'words',
  'tools',
  'images',
  'structured-output',
] as const;

const taskCategories = [
  'summarize',
  'translate',
  'format',
  'classify',
  'extract',
  'rewrite',
  'chat',
  'code',
  'math',
  'analyze',
  'prove',
  'architecture',
  'long-document',
  'unknown',
] as const;

const denseHashes = new Map<string, number>(
  [
    ...denseFeatureNames,
    ...taskCategories.map((category) => `category:${category}`),
    'complexity:simple',
    'complexity:complex',
    'complexity:unknown',
  ].map((name) => [name, hashString(name, DENSE_SEED)]),
);

/** Reusable buffers for the hashed text features of one request (scoring is synchronous). */
let wordBuffer: Int32Array = new Int32Array(1024);
let bigramBuffer: Int32Array = new Int32Array(1024);
let charBuffer: Int32Array = new Int32Array(4096);

function grow(buffer: Int32Array, needed: number): Int32Array {
  if (needed <= buffer.length) return buffer;
  const bigger = new Int32Array(Math.max(needed, buffer.length * 2));
  bigger.set(buffer);
  return bigger;
}

/** Counts gathered while scanning the text, for the dense features. */
type TextCounts = {
  words: number;
  numbers: number;
  wordChars: number;
  longWords: number;
  lines: number;
  mathSymbols: number;
  codeSymbols: number;
  questionMarks: number;
  choiceLines: number;
};

function isWordCode(code: number): boolean {
  if (code < 48) return false;
  if (code <= 57) return true; // 0-9
  if (code < 65) return false;
  if (code <= 90) return true; // A-Z
  if (code < 97) return false;
  if (code <= 122) return true; // a-z
  if (code < 0xc0) return false; // Latin-1 punctuation and symbols
  return code < 0x2000 || code >= 0x2070; // letters of every script; not general punctuation
}

function lower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/**
 * Scans one segment: word tokens (digit runs become a length class, so `1999` and `2024` share a
 * feature), word pairs, in-word character n-grams, and the counts behind the dense features.
 */
function scanSegment(
  segment: TextSegment,
  settings: ScorerFeatureSettings,
  counts: TextCounts,
  sizes: { words: number; bigrams: number; chars: number },
): void {
  const { text, end } = segment;
  let index = segment.start;
  let previousWord: number | undefined;
  let lineStart = true;
  const gramLength = settings.charNgramLength;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (!isWordCode(code)) {
      if (code === 10) {
        counts.lines++;
        lineStart = true;
      } else if (code === 63) counts.questionMarks++;
      else if (
        code === 61 ||
        code === 43 ||
        code === 42 ||
        code === 94 ||
        code === 92 ||
        code === 60 ||
        code === 62
      ) {
        counts.mathSymbols++; // = + * ^ \ < >
      } else if (code === 123 || code === 125 || code === 59 || code === 96) {
        counts.codeSymbols++; // { } ; `
      }
      if (code !== 32 && code !== 9 && code !== 10 && code !== 13) lineStart = false;
      index++;
      continue;
    }
    const start = index;
    let allDigits = true;
    let hash = hashStep(FNV_OFFSET_BASIS, WORD_SEED);
    while (index < end) {
      const inner = text.charCodeAt(index);
      if (!isWordCode(inner)) break;
      if (inner < 48 || inner > 57) allDigits = false;
      hash = hashStep(hash, lower(inner));
      index++;
    }
    const length = index - start;
    if (lineStart && length === 1 && code >= 65 && code <= 68) {
      const next = text.charCodeAt(index);
      if (next === 46 || next === 41) counts.choiceLines++; // "A." or "A)" at a line start
    }
    lineStart = false;
    counts.words++;
    if (allDigits) {
      counts.numbers++;
      hash = hashStep(hashStep(FNV_OFFSET_BASIS, WORD_SEED), 35 + Math.min(length, 4)); // '#' + length class
    } else {
      counts.wordChars += length;
      if (length >= 10) counts.longWords++;
    }
    const wordHash = finalizeHash(hash);
    wordBuffer = grow(wordBuffer, sizes.words + 1);
    wordBuffer[sizes.words++] = wordHash | 0;
    if (settings.wordBigrams && previousWord !== undefined) {
      bigramBuffer = grow(bigramBuffer, sizes.bigrams + 1);
      bigramBuffer[sizes.bigrams++] = combineHashes(previousWord, wordHash) | 0;
    }
    previousWord = wordHash;
    if (gramLength > 0 && !allDigits && length + 2 >= gramLength) {
      // n-grams of "<word>": position -1 is '<', position `length` is '>'.
      const grams = length + 3 - gramLength;
      charBuffer = grow(charBuffer, sizes.chars + grams);
      for (let first = -1; first < length + 2 - gramLength; first++) {
        let gram = hashStep(FNV_OFFSET_BASIS, CHAR_SEED);
        for (let offset = first; offset < first + gramLength; offset++) {
          const char = offset < 0 ? 60 : offset >= length ? 62 : lower(text.charCodeAt(start + offset));
          gram = hashStep(gram, char);
        }
        charBuffer[sizes.chars++] = finalizeHash(gram) | 0;
      }
    }
  }
}

function emitHashed(buffer: Int32Array, count: number, mask: number, sink: FeatureSink): void {
  if (count === 0) return;
  const scale = 1 / Math.sqrt(count);
  for (let position = 0; position < count; position++) {
    const hash = buffer[position] as number;
    sink(hash & mask, hash < 0 ? -scale : scale);
  }
}

function emitNamed(name: string, value: number, mask: number, sink: FeatureSink): void {
  if (value === 0) return;
  sink((denseHashes.get(name) ?? hashString(name, DENSE_SEED)) & mask, value);
}

/**
 * Turns a request and its profile into hashed features for the difficulty scorer: words, word
 * pairs and in-word character n-grams of the user text (see `scorerTexts`), each group scaled to
 * unit length, plus named profile features — prompt size, earlier turns, lines, numbers, math and
 * code symbols, question marks, multiple-choice lines, word length, tools, images, structured
 * output, the classifier's task category and complexity. Feature hashing (signed, 2^hashBits
 * buckets) keeps the model a flat array, so scoring is one pass over the text: a few microseconds.
 *
 * @example
 * let sum = 0;
 * extractScorerFeatures(request, profile, settings, (index, value) => {
 *   sum += weights[index] * value;
 * });
 */
export function extractScorerFeatures(
  request: ChatRequest,
  profile: RequestProfile,
  settings: ScorerFeatureSettings,
  sink: FeatureSink,
): void {
  const mask = (1 << settings.hashBits) - 1;
  const counts: TextCounts = {
    words: 0,
    numbers: 0,
    wordChars: 0,
    longWords: 0,
    lines: 0,
    mathSymbols: 0,
    codeSymbols: 0,
    questionMarks: 0,
    choiceLines: 0,
  };
  const sizes = { words: 0, bigrams: 0, chars: 0 };
  for (const segment of scorerTexts(request)) scanSegment(segment, settings, counts, sizes);
  emitHashed(wordBuffer, sizes.words, mask, sink);
  emitHashed(bigramBuffer, sizes.bigrams, mask, sink);
  emitHashed(charBuffer, sizes.chars, mask, sink);

  const textWords = counts.words - counts.numbers;
  const dense = (name: string, value: number) => emitNamed(name, value, mask, sink);
  dense('prompt-tokens', Math.log1p(profile.promptTokens) / 10);
  dense('earlier-turns', Math.min(Math.max(profile.userTurns - 1, 0), 4) / 4);
  dense('lines', Math.log1p(counts.lines) / 5);
  dense('numbers', Math.log1p(counts.numbers) / 4);
  dense('math-symbols', Math.log1p(counts.mathSymbols) / 4);
  dense('code-symbols', Math.log1p(counts.codeSymbols) / 4);
  dense('question-marks', Math.log1p(counts.questionMarks) / 3);
  dense('choice-lines', counts.choiceLines >= 2 ? 1 : 0);
  dense('long-words', textWords > 0 ? counts.longWords / textWords : 0);
  dense('mean-word-length', textWords > 0 ? Math.min(counts.wordChars / textWords, 20) / 10 : 0);
  dense('words', Math.log1p(counts.words) / 8);
  dense('tools', Math.log1p(profile.toolCount) / 3);
  dense('images', Math.log1p(profile.imageCount) / 2);
  dense('structured-output', profile.structuredOutput.mode === 'none' ? 0 : 1);
  emitNamed(`category:${profile.taskCategory}`, 1, mask, sink);
  emitNamed(`complexity:${profile.complexity}`, 1, mask, sink);
}
