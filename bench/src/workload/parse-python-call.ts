/** A Python-syntax call as BFCL's multi-turn ground truth writes it: `mv(source='a', destination='b')`. */
export type PythonCall = {
  readonly name: string;
  /** Arguments given by position, in order. */
  readonly positional: readonly unknown[];
  /** Arguments given by keyword, in source order. */
  readonly keyword: Readonly<Record<string, unknown>>;
};

/**
 * Parses one Python call expression whose arguments are literals: strings (single or double
 * quoted, with escapes), numbers, `True`/`False`/`None`, lists, tuples and dicts. Tuples become
 * arrays. Anything else fails with the offset and the text.
 *
 * @example
 * parsePythonCall("sort('final_report.pdf')"); // { name: 'sort', positional: ['final_report.pdf'], keyword: {} }
 */
export function parsePythonCall(text: string): PythonCall {
  const parser = new LiteralParser(text);
  const name = parser.identifier();
  parser.expect('(');
  const positional: unknown[] = [];
  const keyword: Record<string, unknown> = {};
  parser.list(')', () => {
    const keywordName = parser.keywordName();
    if (keywordName !== undefined) keyword[keywordName] = parser.value();
    else if (Object.keys(keyword).length > 0) parser.fail('positional argument after keyword argument');
    else positional.push(parser.value());
  });
  parser.end();
  return { name, positional, keyword };
}

const escapes: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
  b: '\b',
  f: '\f',
  '\n': '',
};

class LiteralParser {
  private offset = 0;

  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new SyntaxError(`${message} at offset ${this.offset} in ${JSON.stringify(this.text)}`);
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.offset] ?? '')) this.offset++;
  }

  private peek(): string | undefined {
    this.skipSpace();
    return this.text[this.offset];
  }

  expect(character: string): void {
    if (this.peek() !== character) this.fail(`expected '${character}'`);
    this.offset++;
  }

  end(): void {
    if (this.peek() !== undefined) this.fail('unexpected text after the call');
  }

  identifier(): string {
    this.skipSpace();
    const match = /^[A-Za-z_][\w.]*/.exec(this.text.slice(this.offset));
    if (!match) this.fail('expected a name');
    this.offset += match[0].length;
    return match[0];
  }

  /** A `name=` prefix if one comes next (not `==`); consumes it. */
  keywordName(): string | undefined {
    this.skipSpace();
    const match = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(this.text.slice(this.offset));
    if (!match) return undefined;
    this.offset += match[0].length;
    return match[1];
  }

  /** Comma-separated items up to `close` (a trailing comma is allowed). */
  list(close: string, item: () => void): void {
    while (this.peek() !== close) {
      item();
      if (this.peek() === ',') this.offset++;
      else if (this.peek() !== close) this.fail(`expected ',' or '${close}'`);
    }
    this.offset++;
  }

  value(): unknown {
    const next = this.peek();
    if (next === "'" || next === '"') return this.string(next);
    if (next === '[' || next === '(') {
      this.offset++;
      const items: unknown[] = [];
      this.list(next === '[' ? ']' : ')', () => items.push(this.value()));
      return items;
    }
    if (next === '{') {
      this.offset++;
      const entries: Record<string, unknown> = {};
      this.list('}', () => {
        const key = this.value();
        this.expect(':');
        entries[String(key)] = this.value();
      });
      return entries;
    }
    const rest = this.text.slice(this.offset);
    const number = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(rest);
    if (number) {
      this.offset += number[0].length;
      return Number(number[0]);
    }
    const word = /^(True|False|None)\b/.exec(rest);
    if (word) {
      this.offset += word[0].length;
      return word[0] === 'None' ? null : word[0] === 'True';
    }
    return this.fail('expected a literal');
  }

  private string(quote: string): string {
    this.offset++;
    let out = '';
    while (this.offset < this.text.length) {
      const character = this.text[this.offset] as string;
      this.offset++;
      if (character === quote) return out;
      if (character !== '\\') {
        out += character;
        continue;
      }
      const escaped = this.text[this.offset] ?? '';
      this.offset++;
      if (escaped === 'u' || escaped === 'x') {
        const length = escaped === 'u' ? 4 : 2;
        const hex = this.text.slice(this.offset, this.offset + length);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) this.fail('bad escape');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.offset += length;
      } else {
        out += escapes[escaped] ?? `\\${escaped}`;
      }
    }
    return this.fail('unterminated string');
  }
}
