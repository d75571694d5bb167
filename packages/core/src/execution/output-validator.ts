import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { ChatRequest } from '../request/chat-request-schema.js';
import type { ChatCompletion } from '../spec/chat-completion.js';
import { extractJsonText } from './extract-json-text.js';
import { jsonSchemaValidator } from './json-schema-validators.js';

/** The result of checking one parsed answer: the value to hand back, or what is wrong with it. */
export type ValueCheck =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly errors: string[] };

/**
 * Checks structured output. `checkValue` receives the parsed JSON; what it returns as `value` is
 * what `generateObject` hands back (a zod schema's parse result, transforms applied).
 */
export type OutputValidator = {
  /** What the answer must be, for messages: `JSON matching schema 'person'`, `a JSON object`. */
  readonly description: string;
  checkValue(value: unknown): ValueCheck;
};

/** The outcome of validating a completion: the first choice's value and the completion to return. */
export type CompletionCheck =
  | { readonly ok: true; readonly value: unknown; readonly completion: ChatCompletion }
  | { readonly ok: false; readonly errors: string[] };

/**
 * The validator a request's `response_format` calls for: a compiled JSON Schema for
 * `json_schema` (cached), "any JSON object" for `json_object`, "any JSON" for a `json_schema`
 * without a schema, none for text. Throws {@link InvalidRequestError} when the schema itself is
 * not a valid JSON Schema — before any backend is called.
 *
 * @example
 * const validator = requestOutputValidator(request); // undefined for plain text requests
 */
export function requestOutputValidator(request: ChatRequest): OutputValidator | undefined {
  const format = request.response_format;
  if (format === undefined || format.type === 'text') return undefined;
  if (format.type === 'json_object') {
    return {
      description: 'a JSON object',
      checkValue: (value) =>
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? { ok: true, value }
          : { ok: false, errors: [`(root): must be a JSON object, got ${kindOf(value)}`] },
    };
  }
  const name = format.json_schema.name;
  const schema = format.json_schema.schema;
  if (schema === undefined) {
    return { description: `JSON for '${name}'`, checkValue: (value) => ({ ok: true, value }) };
  }
  return schemaOutputValidator(schema, name);
}

/**
 * A validator for a JSON Schema, compiled once (see {@link jsonSchemaValidator}).
 *
 * @example
 * const validator = schemaOutputValidator({ type: 'object', required: ['city'] }, 'place');
 */
export function schemaOutputValidator(schema: Record<string, unknown>, name: string): OutputValidator {
  let check: ReturnType<typeof jsonSchemaValidator>;
  try {
    check = jsonSchemaValidator(schema);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const issue = `response_format.json_schema.schema: not a valid JSON Schema (${detail})`;
    throw new InvalidRequestError({ message: `invalid request: ${issue}`, issues: [issue], cause: error });
  }
  return {
    description: `JSON matching schema '${name}'`,
    checkValue(value) {
      const result = check(value);
      return result.valid ? { ok: true, value } : { ok: false, errors: result.errors };
    },
  };
}

/**
 * Validates every choice of a completion: its content must parse as JSON (one Markdown fence
 * around it is tolerated and removed from the returned completion) and pass the validator.
 * Errors are prefixed with `choices[i]` when there are several choices.
 *
 * @example
 * const check = checkCompletion(completion, validator);
 * if (!check.ok) console.log(check.errors);
 */
export function checkCompletion(completion: ChatCompletion, validator: OutputValidator): CompletionCheck {
  const errors: string[] = [];
  let firstValue: unknown;
  let changed = false;
  const choices = completion.choices.map((choice, index) => {
    const prefix = completion.choices.length > 1 ? `choices[${index}] ` : '';
    const content = choice.message.content;
    if (content === null || content.trim() === '') {
      errors.push(`${prefix}(root): the answer has no content to parse (expected ${validator.description})`);
      return choice;
    }
    const text = extractJsonText(content);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      errors.push(`${prefix}(root): not valid JSON (${detail})`);
      return choice;
    }
    const result = validator.checkValue(parsed);
    if (!result.ok) {
      errors.push(...result.errors.map((line) => `${prefix}${line}`));
      return choice;
    }
    if (index === 0) firstValue = result.value;
    if (text === content) return choice;
    changed = true;
    return { ...choice, message: { ...choice.message, content: text } };
  });
  if (completion.choices.length === 0) errors.push('(root): the completion has no choices');
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: firstValue, completion: changed ? { ...completion, choices } : completion };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
