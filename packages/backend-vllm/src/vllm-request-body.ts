import type { RequestBodyContext } from '@switchyard/backend-kit';

/** The retired `guided_*` extras and their `structured_outputs` keys. */
const guidedFields: Record<string, string> = {
  guided_json: 'json',
  guided_regex: 'regex',
  guided_choice: 'choice',
  guided_grammar: 'grammar',
};

/**
 * vLLM request quirks. `response_format` passes through (vLLM enforces `json_object` and
 * `json_schema` natively). The `guided_*` extras were removed in v0.12 and are now silently
 * ignored — output comes back unconstrained with 200 — so a caller's `guided_json` /
 * `guided_regex` / `guided_choice` / `guided_grammar` is moved into `structured_outputs`, and
 * `guided_decoding_backend` dropped, with a warning. Never sends `guided_*`.
 *
 * @example
 * prepareVllmBody({ guided_choice: ['yes', 'no'] }, context); // → { structured_outputs: { choice: ['yes', 'no'] } }
 */
export function prepareVllmBody(
  body: Record<string, unknown>,
  context: RequestBodyContext,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const moved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const target = guidedFields[key];
    if (target !== undefined) {
      moved[target] = value;
      context.warnings.push(`moved ${key} (ignored since vLLM 0.12) to structured_outputs.${target}`);
    } else if (key === 'guided_decoding_backend') {
      context.warnings.push(
        'dropped guided_decoding_backend (removed in vLLM 0.12; set the backend at server start)',
      );
    } else {
      result[key] = value;
    }
  }
  if (Object.keys(moved).length > 0) {
    const existing = body.structured_outputs;
    result.structured_outputs = {
      ...(typeof existing === 'object' && existing !== null ? existing : {}),
      ...moved,
    };
  }
  return result;
}
