import { type ChatRequest, profileRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { extractScorerFeatures, type ScorerFeatureSettings } from './extract-scorer-features.js';
import { scorerTexts } from './scorer-texts.js';

const settings: ScorerFeatureSettings = { hashBits: 18, wordBigrams: true, charNgramLength: 4 };

function features(request: ChatRequest, options = settings): Map<number, number> {
  const sums = new Map<number, number>();
  extractScorerFeatures(request, profileRequest(request), options, (index, value) => {
    sums.set(index, (sums.get(index) ?? 0) + value);
  });
  return sums;
}

const chat = (...turns: string[]): ChatRequest => ({
  model: 'auto',
  messages: turns.map((content) => ({ role: 'user' as const, content })),
});

describe('extractScorerFeatures', () => {
  it('gives the same features for the same text, and every bucket fits the table', () => {
    const first = features(chat('Integrate x^2 from 0 to 3.'));
    const second = features(chat('Integrate x^2 from 0 to 3.'));
    expect([...first]).toEqual([...second]);
    for (const index of first.keys()) expect(index).toBeLessThan(2 ** settings.hashBits);
  });

  it('ignores letter case and treats numbers by their length', () => {
    expect([...features(chat('Solve FOR x in 1999'))]).toEqual([...features(chat('solve for X in 2024'))]);
    expect([...features(chat('in 7'))]).not.toEqual([...features(chat('in 2024'))]);
  });

  it('hashes word pairs and character n-grams only when asked', () => {
    const plain = features(chat('prove the lemma'), { hashBits: 18, wordBigrams: false, charNgramLength: 0 });
    const rich = features(chat('prove the lemma'));
    expect(rich.size).toBeGreaterThan(plain.size + 5);
  });

  it('reads earlier user turns, but not system prompts or assistant turns', () => {
    const base = features(chat('And the second part?'));
    const withSystem = features({
      model: 'auto',
      messages: [
        { role: 'system', content: 'You are a helpful assistant for tax law questions.' },
        { role: 'user', content: 'And the second part?' },
      ],
    });
    expect([...withSystem].filter(([index]) => !base.has(index)).length).toBeLessThan(3);
    const withEarlierTurn = features(chat('Prove Fermat’s little theorem.', 'And the second part?'));
    expect(withEarlierTurn.size).toBeGreaterThan(base.size + 10);
  });

  it('reads bounded windows of a long prompt', () => {
    const long = 'word '.repeat(50_000) + 'final instruction here';
    const segments = scorerTexts(chat(long));
    expect(segments.map((segment) => segment.end - segment.start)).toEqual([3000, 1000]);
  });
});
