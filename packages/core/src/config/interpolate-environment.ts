// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template
import { formatPath } from '../errors/format-issues.js';

/** Environment variables as `process.env` holds them. */
export type EnvironmentVariables = Readonly<Record<string, string | undefined>>;

/** The interpolated copy of a value, and one `path: problem` line per bad expression. */
export type InterpolationResult = {
  readonly value: unknown;
  readonly issues: readonly string[];
};

const expressionPattern = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const bodyPattern = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/;

/**
 * Replaces `${NAME}` and `${NAME:-default}` in every string value of a parsed config (keys are
 * left alone) and returns a copy; the input is not modified. `${NAME:-default}` uses the default
 * when the variable is unset or empty; `$${` writes a literal `${`. A variable that is unset and
 * has no default is an issue naming the variable and the field — never its value.
 *
 * @example
 * interpolateEnvironment({ apiKey: '${OPENROUTER_API_KEY}' }, process.env).value
 * interpolateEnvironment({ url: '${OLLAMA_URL:-http://127.0.0.1:11434}' }, {}).value
 * // { url: 'http://127.0.0.1:11434' }
 */
export function interpolateEnvironment(
  value: unknown,
  environment: EnvironmentVariables,
): InterpolationResult {
  const issues: string[] = [];
  const result = interpolateValue(value, environment, [], issues);
  return { value: result, issues };
}

function interpolateValue(
  value: unknown,
  environment: EnvironmentVariables,
  path: readonly PropertyKey[],
  issues: string[],
): unknown {
  if (typeof value === 'string') return interpolateString(value, environment, path, issues);
  if (Array.isArray(value)) {
    return value.map((item, index) => interpolateValue(item, environment, [...path, index], issues));
  }
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        interpolateValue(item, environment, [...path, key], issues),
      ]),
    );
  }
  return value;
}

function interpolateString(
  text: string,
  environment: EnvironmentVariables,
  path: readonly PropertyKey[],
  issues: string[],
): string {
  if (!text.includes('${')) return text;
  return text.replace(expressionPattern, (match, body: string | undefined) => {
    if (match === '$${') return '${';
    if (body === undefined) {
      issues.push(`${formatPath(path)}: unterminated \${ (write $\${ for a literal \${)`);
      return '';
    }
    const parts = bodyPattern.exec(body);
    if (parts === null) {
      issues.push(`${formatPath(path)}: invalid \${…} expression; use \${NAME} or \${NAME:-default}`);
      return '';
    }
    const name = parts[1] as string;
    const fallback = parts[2];
    const variable = Object.hasOwn(environment, name) ? environment[name] : undefined;
    if (fallback !== undefined) return variable === undefined || variable === '' ? fallback : variable;
    if (variable === undefined) {
      issues.push(
        `${formatPath(path)}: environment variable ${name} is not set (or use \${${name}:-default})`,
      );
      return '';
    }
    return variable;
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
