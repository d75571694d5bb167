import { LineCounter, parseDocument, parse as parseYaml, YAMLError } from 'yaml';
import { InvalidConfigError } from '../errors/invalid-config-error.js';

/** The syntax of a config text. */
export type ConfigFormat = 'yaml' | 'json';

/**
 * Parses config text (YAML, or JSON) into plain data. A syntax error becomes an
 * {@link InvalidConfigError} giving the line, the column and the parser's complaint, but never the
 * offending text: the line may hold a secret.
 *
 * @example
 * parseConfigText('targets: []', { format: 'yaml', source: 'switchyard.yaml' }) // { targets: [] }
 */
export function parseConfigText(
  text: string,
  options: { readonly format?: ConfigFormat; readonly source?: string } = {},
): unknown {
  if (options.format === 'json') {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw syntaxError('JSON', describeJsonError(text, error), options.source, undefined);
    }
  }
  const lineCounter = new LineCounter();
  try {
    return parseYaml(text, { prettyErrors: false, lineCounter });
  } catch (error) {
    if (!(error instanceof YAMLError)) throw error;
    throw syntaxError('YAML', describeYamlError(error, lineCounter), options.source, error);
  }
}

/**
 * V8 says where a JSON error is ("… in JSON at position 8") except for an unexpected token, where
 * it quotes the surrounding text instead; then the YAML parser in JSON mode locates it. Neither
 * message text is passed on when it could quote the file.
 */
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('Unexpected end of JSON input')) return 'unexpected end of input';
  const positioned = /^(.*?) (?:in |after )?JSON at position (\d+)/.exec(message);
  if (positioned !== null) {
    const { line, col } = linePosition(text, Number(positioned[2]));
    return `line ${line}, column ${col}: ${positioned[1]}`;
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { schema: 'json', prettyErrors: false, lineCounter });
  const first = document.errors[0];
  if (first === undefined) return 'unexpected token';
  const { line, col } = lineCounter.linePos(first.pos[0]);
  return `line ${line}, column ${col}: unexpected token`;
}

function linePosition(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, col: offset - lineStart + 1 };
}

function describeYamlError(error: YAMLError, lineCounter: LineCounter): string {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  const problem = (error.message.split('\n')[0] ?? 'syntax error').replace(/ at line \d+, column \d+:?$/, '');
  return `line ${line}, column ${col}: ${problem}`;
}

function syntaxError(
  syntax: 'YAML' | 'JSON',
  issue: string,
  source: string | undefined,
  cause: unknown,
): InvalidConfigError {
  const label = source === undefined ? 'config' : `config ${source}`;
  return new InvalidConfigError({
    message: `${label} is not valid ${syntax}: ${issue}`,
    issues: [issue],
    source,
    cause,
  });
}
