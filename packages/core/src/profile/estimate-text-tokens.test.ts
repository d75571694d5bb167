import { getEncoding } from 'js-tiktoken';
import { describe, expect, test } from 'vitest';
import { estimateTextTokens, TEXT_SAMPLE_CHARS } from './estimate-text-tokens.js';

const cl100k = getEncoding('cl100k_base');
const exactTokens = (text: string) => cl100k.encode(text).length;

const englishProse =
  'The committee reviewed the quarterly report on Tuesday and agreed that the new onboarding process ' +
  'had reduced support tickets by a noticeable margin. However, several members raised concerns about ' +
  'the rising cost of cloud infrastructure, which grew faster than revenue for the second quarter in a row. ' +
  'They asked the finance team to prepare a breakdown by service before the next meeting, with a proposal ' +
  'for moving batch workloads to cheaper hardware and a timeline that does not disrupt the holiday season.';

const typescriptCode = `export async function fetchUser(id: string): Promise<User | undefined> {
  const response = await fetch(\`https://api.example.com/users/\${encodeURIComponent(id)}\`);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(\`fetchUser failed: \${response.status}\`);
  const body = (await response.json()) as { user: User };
  return body.user;
}`;

const jsonDocument = JSON.stringify({
  order: { id: 'A-10293', total: 149.95, currency: 'EUR', items: [{ sku: 'KB-01', quantity: 2 }] },
  customer: { name: 'Ada Lovelace', email: 'ada@example.com', tags: ['priority', 'newsletter'] },
});

const mathWordProblem =
  'Carla is downloading a 200 GB file. Normally she can download 2 GB/minute, but 40% of the way through ' +
  'the download, Windows forces a restart to install updates, which takes 20 minutes. Then Carla has to ' +
  'restart the download from the beginning. How long does it take to download the file?';

const chinese =
  '机器学习是人工智能的一个分支，它使计算机能够在没有明确编程的情况下从数据中学习。' +
  '常见的方法包括监督学习、无监督学习和强化学习，广泛应用于图像识别、语音识别和推荐系统。';

const russian =
  'Пожалуйста, кратко изложите этот отчёт в трёх предложениях и перечислите основные риски проекта. ' +
  'Сроки сжатые, а бюджет уже дважды был превышен.';

const german =
  'Bitte fassen Sie den folgenden Bericht in drei Sätzen zusammen und nennen Sie die wichtigsten Risiken ' +
  'für das Projekt. Der Zeitplan ist knapp, und das Budget wurde bereits zweimal überschritten.';

const spanish =
  'El ayuntamiento decidió ampliar el horario de la biblioteca a partir del próximo mes, para que las ' +
  'personas que trabajan puedan pedir libros prestados por la tarde y usar las salas de lectura.';

const japanese =
  '市議会は来月から図書館の開館時間を延長することを決定しました。働いている人も夜に本を借りられるようになります。';

const csvNumbers = [
  'date,open,high,low,close,volume',
  '2024-01-02,187.15,188.44,183.89,185.64,82488700',
  '2024-01-03,184.22,185.88,183.43,184.25,58414500',
  '2024-01-04,182.15,183.09,180.88,181.91,71983600',
  '2024-01-05,181.99,182.76,180.17,181.18,62303300',
].join('\n');

describe('estimateTextTokens', () => {
  test.each([
    ['English prose', englishProse],
    ['TypeScript code', typescriptCode],
    ['compact JSON', jsonDocument],
    ['math word problem with numbers', mathWordProblem],
    ['Chinese', chinese],
    ['Russian', russian],
    ['German', german],
    ['Spanish', spanish],
    ['Japanese', japanese],
    ['CSV of numbers', csvNumbers],
    ['long sampled prose (×12)', `${englishProse}\n\n`.repeat(12)],
    ['long sampled code (×10)', `${typescriptCode}\n\n`.repeat(10)],
  ])('%s is within ±15%% of the cl100k count', (_name, text) => {
    const exact = exactTokens(text);
    const estimate = estimateTextTokens(text);
    expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(0.15);
  });

  test.each([
    ['empty', '', 0],
    ['one letter', 'a', 1],
    ['one space', ' ', 1],
  ])('%s → %d', (_name, text, expected) => {
    expect(estimateTextTokens(text)).toBe(expected);
  });

  test.each([
    ['long prose', [englishProse, mathWordProblem], 0.15],
    // Prose, code, JSON and numbers interleaved: the sample of 256 characters varies most here.
    ['long mixed document', [englishProse, typescriptCode, jsonDocument, mathWordProblem], 0.25],
  ])(
    '%s is sampled (256 characters read) and lands within ±%d of the cl100k count',
    (_name, parts, tolerance) => {
      const document = parts.join('\n\n').repeat(40);
      expect(document.length).toBeGreaterThan(50 * TEXT_SAMPLE_CHARS);
      const exact = exactTokens(document);
      expect(Math.abs(estimateTextTokens(document) - exact) / exact).toBeLessThanOrEqual(tolerance);
    },
  );

  test('the tokens-per-character ratio follows the kind of text (not a flat chars/4)', () => {
    const ratio = (text: string) => estimateTextTokens(text) / text.length;
    expect(ratio(englishProse)).toBeLessThan(0.25);
    expect(ratio(csvNumbers)).toBeGreaterThan(0.4);
    expect(ratio(chinese)).toBeGreaterThan(0.9);
  });

  test('accented Latin text counts more than the same length of English', () => {
    const english =
      'The city council decided to extend the opening hours of the library starting next month.';
    const french =
      'Le conseil municipal a décidé de prolonger les horaires de la bibliothèque dès le mois prochain.';
    expect(estimateTextTokens(french) / french.length).toBeGreaterThan(
      (1.15 * estimateTextTokens(english)) / english.length,
    );
  });
});
