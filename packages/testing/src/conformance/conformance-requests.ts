import type { ChatRequest } from '@switchyard/core';

/** The tool the tool-call cases force: arguments `{ city, days }`. */
export const conformanceTool = {
  type: 'function',
  function: {
    name: 'get_forecast',
    description: 'Weather forecast for a city.',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name' },
        days: { type: 'integer', minimum: 1, maximum: 7 },
      },
      required: ['city', 'days'],
      additionalProperties: false,
    },
  },
} as const;

/**
 * The schema the structured-output cases ask for. No free-text string on purpose: a tiny test
 * model under constrained decoding never closes a string, while booleans and bounded integers
 * always finish. It follows OpenAI's strict rules (every property required, no extras).
 */
export const conformanceSchema = {
  type: 'object',
  properties: { ok: { type: 'boolean' }, n: { type: 'integer', minimum: 0, maximum: 9 } },
  required: ['ok', 'n'],
  additionalProperties: false,
} as const;

/**
 * The requests the conformance suite sends. `max_tokens` is small but leaves room for every
 * answer the suite expects (tiny-chatml's is 10 tokens, a forced tool call about 15).
 *
 * @example
 * await backend.doGenerate({ request: conformanceRequests.text('gpt-4o-mini'), model: 'gpt-4o-mini' });
 */
export const conformanceRequests = {
  /** A plain text turn. */
  text(model: string): ChatRequest {
    return {
      model,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Say hello.' },
      ],
      max_tokens: 64,
      temperature: 0,
    };
  },
  /** A turn that must come back as a call of {@link conformanceTool}. */
  toolCall(model: string): ChatRequest {
    return {
      model,
      messages: [{ role: 'user', content: 'What will the weather be in Oslo for the next 3 days?' }],
      tools: [conformanceTool],
      tool_choice: { type: 'function', function: { name: conformanceTool.function.name } },
      max_tokens: 128,
      temperature: 0,
    };
  },
  /** A turn that must come back as JSON matching {@link conformanceSchema}. */
  structured(model: string): ChatRequest {
    return {
      model,
      messages: [{ role: 'user', content: 'Is the sky blue? Answer in JSON with ok and a digit n.' }],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'verdict', strict: true, schema: conformanceSchema },
      },
      max_tokens: 64,
      temperature: 0,
    };
  },
};
