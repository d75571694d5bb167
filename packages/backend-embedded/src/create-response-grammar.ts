import type { ResponseFormat } from '@switchyard/core';
import type { Llama, LlamaGrammar } from 'node-llama-cpp';
import { EmbeddedRequestError } from './embedded-call-error.js';
import { type GrammarJsonSchema, toGrammarJsonSchema } from './to-grammar-json-schema.js';

/** The grammar for a `response_format`, and what the caller should be told about it. */
export type ResponseGrammar = {
  readonly grammar: LlamaGrammar | undefined;
  readonly warnings: readonly string[];
};

/** Grammars already built, by schema text; reused across requests (a grammar holds no state). */
export type ResponseGrammarCache = Map<string, Promise<ResponseGrammar>>;

const cacheLimit = 32;

/** `json_object`: any JSON object. */
const anyObjectSchema = { type: 'object', additionalProperties: true };

/**
 * Builds the constrained-decoding grammar for a request's `response_format` with
 * node-llama-cpp's JSON-schema grammar: `text` (or none) needs no grammar, `json_object` allows
 * any JSON object, `json_schema` its schema (see `toGrammarJsonSchema` for the supported subset).
 *
 * node-llama-cpp's number rules allow exponents up to 16 digits, so a model can write
 * `93E980671594`, which JSON.parse reads as Infinity; the rules are rewritten here to keep
 * numbers finite and integers free of exponents.
 *
 * @example
 * const { grammar } = await createResponseGrammar(llama, { type: 'json_object' });
 */
export async function createResponseGrammar(
  llama: Llama,
  responseFormat: ResponseFormat | undefined,
  cache?: ResponseGrammarCache,
): Promise<ResponseGrammar> {
  if (responseFormat === undefined || responseFormat.type === 'text')
    return { grammar: undefined, warnings: [] };
  const warnings: string[] = [];
  let schema: unknown = anyObjectSchema;
  if (responseFormat.type === 'json_schema') {
    if (responseFormat.json_schema.schema === undefined) {
      warnings.push('response_format json_schema has no schema: any JSON object is accepted');
    } else {
      schema = responseFormat.json_schema.schema;
    }
  }
  const key = JSON.stringify(schema);
  const cached = cache?.get(key);
  if (cached !== undefined) {
    const result = await cached;
    return { grammar: result.grammar, warnings: [...warnings, ...result.warnings] };
  }
  const building = buildGrammar(llama, schema);
  if (cache !== undefined) {
    if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value as string);
    cache.set(key, building);
    building.catch(() => cache.delete(key));
  }
  const result = await building;
  return { grammar: result.grammar, warnings: [...warnings, ...result.warnings] };
}

async function buildGrammar(llama: Llama, schema: unknown): Promise<ResponseGrammar> {
  const { schema: grammarSchema, notEnforced } = toGrammarJsonSchema(schema);
  let jsonGrammar: LlamaGrammar;
  try {
    // The schema was checked by toGrammarJsonSchema; node-llama-cpp's generic types cannot follow it.
    const createForSchema = llama.createGrammarForJsonSchema.bind(llama) as unknown as (
      schema: GrammarJsonSchema,
    ) => Promise<LlamaGrammar>;
    jsonGrammar = await createForSchema(grammarSchema);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new EmbeddedRequestError(
      'unsupported',
      `response_format JSON schema cannot be turned into a grammar: ${detail}`,
    );
  }
  const grammar = await llama.createGrammar({
    grammar: finiteNumberRules(jsonGrammar.grammar),
    stopGenerationTriggers: jsonGrammar.stopGenerationTriggers,
    trimWhitespaceSuffix: jsonGrammar.trimWhitespaceSuffix,
  });
  const warnings =
    notEnforced.length === 0
      ? []
      : [`response_format JSON schema keywords not enforced by the grammar: ${notEnforced.join(', ')}`];
  return { grammar, warnings };
}

/**
 * Replaces node-llama-cpp's number rules: integers get no exponent, other numbers an exponent of
 * at most two digits (1e99 at most), so every generated number parses to a finite value.
 *
 * @example
 * finiteNumberRules('integer-number-rule ::= "-"? [0-9]+ ([eE] [0-9]+)?');
 * // 'integer-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15})'
 */
export function finiteNumberRules(grammar: string): string {
  const digits = '"-"? ("0" | [1-9] [0-9]{0,15})';
  return grammar
    .replace(/^integer-number-rule ::= .*$/m, `integer-number-rule ::= ${digits}`)
    .replace(
      /^fractional-number-rule ::= .*$/m,
      `fractional-number-rule ::= ${digits} ("." [0-9]{1,16})? ([eE] [-+]? [1-9] [0-9]?)?`,
    );
}
