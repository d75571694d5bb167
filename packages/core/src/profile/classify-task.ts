import { longDocumentRule, type TaskRule, taskRules, unknownTaskRule } from './task-rules.js';

/** Characters of the last user message read from its start. */
export const CLASSIFIER_HEAD_CHARS = 600;
/** Characters read from the end of a longer last user message (instructions often come last). */
export const CLASSIFIER_TAIL_CHARS = 150;
/** Characters of the system prompt read from its start. */
export const CLASSIFIER_SYSTEM_CHARS = 150;

/** What the classifier decided: a keyword rule, the long-document rule or the unknown rule. */
export type TaskClassification = Omit<TaskRule, 'keywords' | 'symbols' | 'pattern'>;

/** Input of {@link classifyTask}: the texts to read and the prompt size. */
export type ClassifyTaskInput = {
  /** Text of the last user message (only bounded windows of it are read). */
  readonly userText: string;
  /** Text of the system prompt, or `''` (only its start is read). */
  readonly systemText: string;
  /** Estimated prompt tokens of the whole request. */
  readonly promptTokens: number;
  /** Prompts of at least this many tokens are `long-document` unless a complex rule matched. */
  readonly longDocumentTokens: number;
};

// Keyword index: a word's key packs its first six lower-case letters, five bits each (a–z = 1–26),
// so distinct keys mean distinct words or stems. Open addressing; key 0 marks an empty slot.
const STEM_LETTERS = 6;
const TABLE_BITS = 10;
const TABLE_SIZE = 1 << TABLE_BITS;
const tableKeys = new Int32Array(TABLE_SIZE);
/** Rule indexes (ascending) triggered by the word in each slot. */
const tableRules: number[][] = Array.from({ length: TABLE_SIZE }, () => []);
/** Rule indexes (ascending) triggered by each symbol character below 256. */
const symbolRules: number[][] = Array.from({ length: 256 }, () => []);
/** Per UTF-16 code unit: its letter value (a–z = 1–26, either case), SYMBOL, or 0. */
const SYMBOL = 27;
const characterKinds = new Uint8Array(65_536);
for (let letter = 1; letter <= 26; letter++) {
  characterKinds[64 + letter] = letter;
  characterKinds[96 + letter] = letter;
}

function isLetter(code: number): boolean {
  const lower = code | 32;
  return lower >= 97 && lower <= 122;
}

function slotOf(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> (32 - TABLE_BITS);
}

function keyOf(keyword: string): number {
  if (!/^[a-z]+$/.test(keyword)) {
    throw new Error(`Task rule keyword "${keyword}" must be lower-case ASCII letters`);
  }
  let key = 0;
  for (let index = 0; index < keyword.length && index < STEM_LETTERS; index++) {
    key = (key << 5) | (keyword.charCodeAt(index) - 96);
  }
  return key;
}

let keywordCount = 0;
taskRules.forEach((rule, ruleIndex) => {
  if (!rule.pattern.sticky || !rule.pattern.ignoreCase) {
    throw new Error(`Task rule "${rule.name}" pattern needs the flags "iy"`);
  }
  for (const keyword of rule.keywords) {
    const key = keyOf(keyword);
    if (++keywordCount > TABLE_SIZE / 2) throw new Error('Too many task rule keywords for the keyword index');
    let slot = slotOf(key);
    while (tableKeys[slot] !== 0 && tableKeys[slot] !== key) slot = (slot + 1) & (TABLE_SIZE - 1);
    tableKeys[slot] = key;
    const rules = tableRules[slot]!;
    if (!rules.includes(ruleIndex)) rules.push(ruleIndex);
  }
  for (const symbol of rule.symbols ?? '') {
    const code = symbol.charCodeAt(0);
    if (code >= 256 || isLetter(code)) {
      throw new Error(`Task rule symbol "${symbol}" must be a non-letter below U+0100`);
    }
    symbolRules[code]!.push(ruleIndex);
    characterKinds[code] = SYMBOL;
  }
});

/** Lowest index of a rule in `rules` below `best` whose pattern matches at `position`. */
function confirm(text: string, position: number, rules: readonly number[], best: number): number {
  for (let index = 0; index < rules.length; index++) {
    const ruleIndex = rules[index]!;
    if (ruleIndex >= best) break;
    const pattern = taskRules[ruleIndex]!.pattern;
    pattern.lastIndex = position;
    if (pattern.test(text)) return ruleIndex;
  }
  return best;
}

function confirmWord(text: string, position: number, key: number, best: number): number {
  let slot = slotOf(key);
  for (let stored = tableKeys[slot]!; stored !== 0; stored = tableKeys[slot]!) {
    if (stored === key) return confirm(text, position, tableRules[slot]!, best);
    slot = (slot + 1) & (TABLE_SIZE - 1);
  }
  return best;
}

/**
 * Best (lowest) rule index matching in `text[start, end)`, or `best` if none beats it. Words are
 * read letter by letter; only keyword hits (one table probe per word) run a rule's pattern.
 */
function scanWindow(text: string, start: number, end: number, best: number): number {
  // A window starting inside a word begins at the next word.
  if (start > 0) {
    while (start < end && isLetter(text.charCodeAt(start - 1)) && isLetter(text.charCodeAt(start))) start++;
  }
  let key = 0;
  let letters = 0;
  let index = start;
  for (; index < end; index++) {
    const kind = characterKinds[text.charCodeAt(index)]!;
    if (kind !== 0 && kind !== SYMBOL) {
      if (letters < STEM_LETTERS) key = (key << 5) | kind;
      letters++;
    } else {
      if (letters > 0) {
        best = confirmWord(text, index - letters, key, best);
        if (best === 0) return 0;
        letters = 0;
        key = 0;
      }
      if (kind === SYMBOL) best = confirm(text, index, symbolRules[text.charCodeAt(index)]!, best);
    }
  }
  if (letters > 0) {
    // Finish a word cut by the window's end (its first letters are already in the key).
    while (letters < STEM_LETTERS && index < text.length && isLetter(text.charCodeAt(index))) {
      key = (key << 5) | ((text.charCodeAt(index) | 32) - 96);
      letters++;
      index++;
    }
    best = confirmWord(text, index - letters, key, best);
  }
  return best;
}

/**
 * Keyword classifier: finds the task category and complexity of a request from bounded windows
 * of its text — the first 1,000 and the last 250 characters of the last user message and the
 * first 250 of the system prompt. Each word costs one table probe; a rule's pattern runs only
 * where one of its keywords occurs.
 *
 * Priority: a complex rule (prove, architecture, in-depth analysis) wins; then a prompt of at
 * least `longDocumentTokens` is `long-document`; then the first matching rule of
 * {@link taskRules}; else `unknown`.
 *
 * @example
 * ```ts
 * classifyTask({
 *   userText: 'Summarize this thread in two sentences: …',
 *   systemText: '',
 *   promptTokens: 900,
 *   longDocumentTokens: 12_000,
 * }).category; // 'summarize'
 * ```
 */
export function classifyTask(input: ClassifyTaskInput): TaskClassification {
  const { userText, systemText } = input;
  const none = taskRules.length;
  const userLength = userText.length;
  let best: number;
  if (userLength > CLASSIFIER_HEAD_CHARS + CLASSIFIER_TAIL_CHARS) {
    best = scanWindow(userText, 0, CLASSIFIER_HEAD_CHARS, none);
    if (best > 0) best = scanWindow(userText, userLength - CLASSIFIER_TAIL_CHARS, userLength, best);
  } else {
    best = scanWindow(userText, 0, userLength, none);
  }
  if (best > 0) best = scanWindow(systemText, 0, Math.min(systemText.length, CLASSIFIER_SYSTEM_CHARS), best);

  const rule = taskRules[best];
  if (rule !== undefined && rule.complexity === 'complex') return rule;
  if (input.promptTokens >= input.longDocumentTokens) return longDocumentRule;
  return rule ?? unknownTaskRule;
}
