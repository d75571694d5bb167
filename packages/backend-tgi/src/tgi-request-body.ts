import type { RequestBodyContext } from '@switchyard/backend-kit';
import { toTgiResponseFormat } from './tgi-response-format.js';

/**
 * TGI request quirks: `response_format` in TGI's `{type, value}` grammar form; `stop` as an array
 * (TGI rejects a string); `presence_penalty` dropped with a warning (TGI turns it into
 * `repetition_penalty = presence_penalty + 2`, a very different sampler). `tools` together with
 * `response_format` is sent as is: TGI answers 422 "Grammar and tools are mutually exclusive",
 * classified `unsupported` so the router can go elsewhere.
 *
 * @example
 * prepareTgiBody({ stop: 'END', response_format: { type: 'json_object' } }, context);
 * // → { stop: ['END'], response_format: { type: 'json', value: { type: 'object' } } }
 */
export function prepareTgiBody(
  body: Record<string, unknown>,
  context: RequestBodyContext,
): Record<string, unknown> {
  const result = { ...body };
  if (body.response_format !== undefined) {
    const grammar = toTgiResponseFormat(body.response_format);
    if (grammar === undefined) delete result.response_format;
    else result.response_format = grammar;
  }
  if (typeof body.stop === 'string') result.stop = [body.stop];
  if (body.presence_penalty !== undefined) {
    delete result.presence_penalty;
    context.warnings.push(
      'dropped presence_penalty: TGI maps it to repetition_penalty = presence_penalty + 2',
    );
  }
  return result;
}
