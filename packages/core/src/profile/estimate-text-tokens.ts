/**
 * Fast cl100k-style token estimate for a piece of text, without a tokenizer.
 *
 * Texts up to {@link TEXT_SAMPLE_CHARS} characters are scanned in full; longer texts are read in
 * {@link TEXT_SAMPLE_CHUNKS} chunks of 16 characters, one per equal slice of the text, and the
 * estimate is scaled to the full length, so the cost per text is bounded (at most 256 characters
 * read) whatever its size.
 *
 * Each character is put in a class and the estimate is a weighted sum of class counts and of the
 * number of runs (a word is a run of ASCII letters, a number a run of digits). The weights were
 * fitted against real cl100k counts (routing/train.jsonl, Arena-Hard prompts, BFCL messages) and
 * rounded; see docs/profiler.md for the measured error and the command that reproduces it.
 */

/** Texts longer than this are sampled instead of scanned. */
export const TEXT_SAMPLE_CHARS = 256;
/** Number of chunks read from a long text (one per equal slice of it). */
export const TEXT_SAMPLE_CHUNKS = 16;
const CHUNK_CHARS = TEXT_SAMPLE_CHARS / TEXT_SAMPLE_CHUNKS;
/** Where in its slice each sampled chunk starts, as a fraction of the free room: golden-ratio steps. */
const chunkPlacements = Float64Array.from(
  { length: TEXT_SAMPLE_CHUNKS },
  (_, chunk) => (chunk * 0.6180339887498949) % 1,
);

// Character classes.
const LETTER = 0;
const DIGIT = 1;
const SPACE = 2;
const LINE_BREAK = 3;
const PUNCTUATION = 4;
const IDEOGRAPHIC = 5;
const ALPHABETIC = 6;
const OTHER = 7;
/** Accented Latin letters: priced as ALPHABETIC, and counted for the non-English factor. */
const ACCENTED_LATIN = 8;

// Tokens per character of each class, and extra tokens when a character starts a run of its class
// (a word, a number, a punctuation run). Fitted on cl100k counts by weighted least squares on the
// relative error, then rounded. A space costs nothing (it merges into the next word's token),
// except before a number, where cl100k keeps it as a token of its own.
const tokensPerCharacter = [0.04, 0.24, 0, 1.12, 0.28, 1.18, 0.44, 0.96, 0.44];
const tokensPerRunStart = [0.88, 1.0, 0, 0, 0.36, 0, 0.57, 0, 0.57];
const SPACE_BEFORE_NUMBER_TOKENS = 0.78;
const CLASS_COUNT = 9;

/** Cost of a character of class `current` after one of class `previous`: `[previous * 9 + current]`. */
const transitionTokens = new Float64Array(CLASS_COUNT * CLASS_COUNT);
const sameRun = (previous: number, current: number) =>
  previous === current ||
  (previous === ALPHABETIC && current === ACCENTED_LATIN) ||
  (previous === ACCENTED_LATIN && current === ALPHABETIC);
for (let previous = 0; previous < CLASS_COUNT; previous++) {
  for (let current = 0; current < CLASS_COUNT; current++) {
    transitionTokens[previous * CLASS_COUNT + current] =
      tokensPerCharacter[current]! + (sameRun(previous, current) ? 0 : tokensPerRunStart[current]!);
  }
}
transitionTokens[SPACE * CLASS_COUNT + DIGIT]! += SPACE_BEFORE_NUMBER_TOKENS;

/**
 * Accented Latin letters mark a European language other than English, whose words split into
 * more cl100k tokens. The estimate grows with their density, up to {@link NON_ENGLISH_LATIN_FACTOR}
 * from one accented letter per {@link NON_ENGLISH_LATIN_CHARACTERS_PER_ACCENT} characters on. The
 * ramp (rather than a threshold) keeps one accented phrase in a long English text from inflating
 * the whole estimate, and keeps sampling unbiased.
 */
const NON_ENGLISH_LATIN_FACTOR = 1.25;
const NON_ENGLISH_LATIN_CHARACTERS_PER_ACCENT = 200;

const asciiClass = new Uint8Array(128).fill(PUNCTUATION);
asciiClass.fill(DIGIT, 48, 58);
asciiClass.fill(LETTER, 65, 91);
asciiClass.fill(LETTER, 97, 123);
asciiClass[32] = SPACE;
asciiClass[9] = LINE_BREAK;
asciiClass[10] = LINE_BREAK;
asciiClass[13] = LINE_BREAK;

/**
 * Class of a non-ASCII UTF-16 code unit. Computed, not looked up: a 64K-entry table is slower on
 * CJK text, whose characters spread over many cache lines.
 */
function nonAsciiClass(code: number): number {
  // Accented Latin letters (Latin-1 supplement, Latin extended-A/B; not × and ÷): about two
  // characters per token, like the Latin-1 symbols before them.
  if (code < 0x250) return code >= 0xc0 && code !== 0xd7 && code !== 0xf7 ? ACCENTED_LATIN : ALPHABETIC;
  // Cyrillic: about two characters per token.
  if (code >= 0x400 && code < 0x530) return ALPHABETIC;
  // CJK symbols, kana, CJK ideographs, Hangul syllables, compatibility ideographs, full-width forms.
  if (
    (code >= 0x3000 && code < 0xa000) ||
    (code >= 0xac00 && code < 0xd7b0) ||
    (code >= 0xf900 && code < 0xfb00) ||
    (code >= 0xff00 && code < 0xfff0)
  ) {
    return IDEOGRAPHIC;
  }
  // Greek, Armenian, Hebrew, Arabic, Indic, Thai…, symbols and emoji halves: about one token each.
  return OTHER;
}

/**
 * Estimates the cl100k token count of `text` in bounded time (at most 256 characters read).
 *
 * Typical error on English prose, code and tool-calling prompts is about 5 % (median); see
 * docs/profiler.md. Returns 0 for an empty string and at least 1 otherwise.
 *
 * @example
 * ```ts
 * estimateTextTokens('Summarize the following article in three bullet points.'); // ≈ 10
 * ```
 */
export function estimateTextTokens(text: string): number {
  const length = text.length;
  if (length === 0) return 0;
  const sampled = length > TEXT_SAMPLE_CHARS;
  // Short texts are read whole, chunk after chunk; long ones in evenly spaced chunks.
  const chunks = sampled ? TEXT_SAMPLE_CHUNKS : Math.ceil(length / CHUNK_CHARS);
  // Stratified sampling: one chunk in each of 16 equal slices of the text, at a position within
  // the slice that moves by the golden ratio from slice to slice. Fixed positions (the slice
  // start or middle) would keep hitting the same phase of periodic text (CSV rows, log lines,
  // repeated templates) and over- or under-count it badly.
  const stride = sampled ? length / TEXT_SAMPLE_CHUNKS : CHUNK_CHARS;
  const room = sampled ? stride - CHUNK_CHARS : 0;
  let tokens = 0;
  let accented = 0;
  for (let chunk = 0; chunk < chunks; chunk++) {
    // `| 0` truncates like Math.floor here (positive values) and keeps `start` an int32 for the JIT:
    // with Math.floor the loop below ran 2× slower.
    const start = sampled ? (chunk * stride + chunkPlacements[chunk]! * room) | 0 : chunk * CHUNK_CHARS;
    const end = Math.min(start + CHUNK_CHARS, length);
    // The character before the chunk decides whether the chunk's first character starts a run.
    let previous = SPACE;
    if (start > 0) {
      const code = text.charCodeAt(start - 1);
      previous = code < 128 ? asciiClass[code]! : nonAsciiClass(code);
    }
    for (let index = start; index < end; index++) {
      const code = text.charCodeAt(index);
      let current: number;
      if (code < 128) {
        current = asciiClass[code]!;
      } else {
        current = nonAsciiClass(code);
        if (current === ACCENTED_LATIN) accented++;
      }
      tokens += transitionTokens[previous * CLASS_COUNT + current]!;
      previous = current;
    }
  }
  if (accented > 0) {
    const read = sampled ? TEXT_SAMPLE_CHARS : length;
    const density = Math.min(1, (accented * NON_ENGLISH_LATIN_CHARACTERS_PER_ACCENT) / read);
    tokens *= 1 + (NON_ENGLISH_LATIN_FACTOR - 1) * density;
  }
  if (sampled) tokens = (tokens * length) / TEXT_SAMPLE_CHARS;
  return tokens < 1 ? 1 : Math.round(tokens);
}
