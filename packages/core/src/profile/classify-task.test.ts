import { describe, expect, test } from 'vitest';
import { CLASSIFIER_HEAD_CHARS, CLASSIFIER_SYSTEM_CHARS, classifyTask } from './classify-task.js';
import { taskRules } from './task-rules.js';

const classify = (userText: string, systemText = '', promptTokens = 200) =>
  classifyTask({ userText, systemText, promptTokens, longDocumentTokens: 12_000 });

const padding = (length: number) =>
  'The weather was mild and the market was busy as usual that morning. '
    .repeat(Math.ceil(length / 68))
    .slice(0, length);

describe('classifyTask', () => {
  test.each([
    // Complex
    ['Prove that there are infinitely many primes.', 'prove', 'prove', 'complex'],
    ['Give a rigorous argument for the bound below.', 'prove', 'prove', 'complex'],
    ['Show it by induction on n.', 'prove', 'prove', 'complex'],
    [
      'Review this architecture and tell me where it will break at 10x load.',
      'architecture',
      'architecture',
      'complex',
    ],
    [
      'Design a distributed rate-limiting system for our API gateway.',
      'architecture',
      'architecture',
      'complex',
    ],
    ['Analyze the attached incident report in depth.', 'analyze-in-depth', 'analyze', 'complex'],
    [
      'I need an in-depth comparison of Postgres and MySQL replication.',
      'analyze-in-depth',
      'analyze',
      'complex',
    ],
    // Simple
    ['Write a commit message for this diff:\n+ fix null check', 'commit-message', 'code', 'simple'],
    ['Give me a regex that matches ISO dates.', 'regex', 'code', 'simple'],
    ['Translate this paragraph into German.', 'translate', 'translate', 'simple'],
    ['Put this into Japanese, please: good morning', 'translate', 'translate', 'simple'],
    ['Summarize the meeting notes below in three bullets.', 'summarize', 'summarize', 'simple'],
    ['tl;dr of this thread?', 'summarize', 'summarize', 'simple'],
    ['Classify each review as positive, negative or neutral.', 'classify', 'classify', 'simple'],
    ['What is the sentiment of this tweet?', 'classify', 'classify', 'simple'],
    ['Extract all the dates and amounts from this invoice.', 'extract', 'extract', 'simple'],
    ['Convert this list to JSON.', 'format', 'format', 'simple'],
    ['Reformat the table below.', 'format', 'format', 'simple'],
    ['Rewrite this email so it sounds friendlier.', 'rewrite', 'rewrite', 'simple'],
    ['Fix the grammar in my cover letter.', 'rewrite', 'rewrite', 'simple'],
    ['Polish this paragraph for a newsletter.', 'rewrite', 'rewrite', 'simple'],
    ['Hello! How are you today?', 'small-talk', 'chat', 'simple'],
    // Broad detectors
    ['Write a Python script that renames files by date.', 'code', 'code', 'unknown'],
    ['Why does this crash?\n```ts\nconst x = undefined!;\n```', 'code', 'code', 'unknown'],
    ['My C++ build fails with an undefined reference.', 'code', 'code', 'unknown'],
    ['How many apples are left if Tom eats 3 of 12?', 'math', 'math', 'unknown'],
    ['What is 17 * 23?', 'math', 'math', 'unknown'],
    ['Simplify \\frac{x^2}{x}.', 'math', 'math', 'unknown'],
    ['Write a short story about a lighthouse keeper.', 'creative-writing', 'chat', 'unknown'],
    ['Compare the two offers and tell me which is better.', 'analyze', 'analyze', 'unknown'],
    // Priority: the first rule listed wins
    ['Summarize this proof of the theorem.', 'prove', 'prove', 'complex'],
    ['Summarize this Python function.', 'summarize', 'summarize', 'simple'],
    ['Translate this Python code into idiomatic Rust.', 'translate', 'translate', 'simple'],
    // Negatives: look-alike words must not trigger
    ['We built a proof of concept last week; what should we demo?', 'unknown', 'unknown', 'unknown'],
    ['How can I improve my sleep?', 'unknown', 'unknown', 'unknown'],
    [
      'The prosecution must prove its case beyond reasonable doubt. Is that fair?',
      'unknown',
      'unknown',
      'unknown',
    ],
    ['Recommend a classic novel set in Paris.', 'unknown', 'unknown', 'unknown'],
    ['Our conversation yesterday was great.', 'unknown', 'unknown', 'unknown'],
    ['Say hi to my mother for me.', 'unknown', 'unknown', 'unknown'],
    ['How would you react if your friend lied?', 'unknown', 'unknown', 'unknown'],
    ['', 'unknown', 'unknown', 'unknown'],
  ])('%j → %s', (text, rule, category, complexity) => {
    const result = classify(text);
    expect(result.name).toBe(rule);
    expect(result.category).toBe(category);
    expect(result.complexity).toBe(complexity);
  });

  test('the system prompt is read when the user message says nothing', () => {
    expect(classify('Here is the text: Bonjour tout le monde', 'You translate text into English.').name).toBe(
      'translate',
    );
    const lateInSystem = `${padding(CLASSIFIER_SYSTEM_CHARS + 50)} You translate text.`;
    expect(classify('Bonjour tout le monde', lateInSystem).name).toBe('unknown');
  });

  test('long prompts are long-document unless a complex rule matched', () => {
    const longDocumentTokens = 12_000;
    const input = { systemText: '', promptTokens: 20_000, longDocumentTokens };
    expect(classifyTask({ ...input, userText: 'Summarize this contract.' }).name).toBe('long-document');
    expect(classifyTask({ ...input, userText: 'Summarize this contract.' }).complexity).toBe('complex');
    expect(classifyTask({ ...input, userText: 'Prove the claim in section 2.' }).name).toBe('prove');
    expect(classifyTask({ ...input, promptTokens: 11_999, userText: 'Summarize this contract.' }).name).toBe(
      'summarize',
    );
  });

  test('only the head and the tail of a long message are read', () => {
    const instructionFirst = `Summarize the report below.\n\n${padding(20_000)}`;
    const instructionLast = `${padding(20_000)}\n\nSummarize the report above.`;
    const instructionInTheMiddle = `${padding(CLASSIFIER_HEAD_CHARS + 100)} Summarize it. ${padding(20_000)}`;
    expect(classify(instructionFirst).name).toBe('summarize');
    expect(classify(instructionLast).name).toBe('summarize');
    expect(classify(instructionInTheMiddle).name).toBe('unknown');
  });

  test('a keyword cut by the end of the head window is still read whole', () => {
    const text = `${padding(CLASSIFIER_HEAD_CHARS - 4)} summarize ${padding(20_000)}`;
    expect(classify(text).name).toBe('summarize');
  });

  test('every rule has sticky case-insensitive patterns and lower-case keywords', () => {
    for (const rule of taskRules) {
      expect(rule.pattern.flags).toContain('i');
      expect(rule.pattern.flags).toContain('y');
      for (const keyword of rule.keywords) expect(keyword).toMatch(/^[a-z]+$/);
    }
  });
});
