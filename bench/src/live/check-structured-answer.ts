import { type ChatRequest, checkCompletion, requestOutputValidator } from '@switchyard/core';
import type { StructuredCheck } from './live-request-record.js';

/**
 * Checks an answer against what the request's `response_format` asks for, with core's validator
 * (ajv, compiled once per schema): a `json_schema` answer must be JSON valid for its schema, a
 * `json_object` answer a JSON object (one Markdown fence around it is tolerated, as the executor
 * tolerates it). `undefined` for requests that ask for text.
 *
 * @example
 * checkStructuredAnswer(request, '{"city":"Oslo"}'); // { valid: true, errors: [] }
 */
export function checkStructuredAnswer(request: ChatRequest, text: string): StructuredCheck | undefined {
  const format = request.response_format;
  if (format === undefined || format.type === 'text') return undefined;
  let validator: ReturnType<typeof requestOutputValidator>;
  try {
    validator = requestOutputValidator(request);
  } catch (error) {
    return { valid: false, errors: [error instanceof Error ? error.message : String(error)] };
  }
  if (validator === undefined) return undefined;
  const check = checkCompletion(
    {
      id: 'live-bench',
      object: 'chat.completion',
      created: 0,
      model: request.model,
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    },
    validator,
  );
  return check.ok ? { valid: true, errors: [] } : { valid: false, errors: check.errors };
}
