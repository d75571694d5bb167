import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { ExecutionError } from '../errors/execution-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { RequestEndEvent } from '../spec/router-events.js';
import { callOrder, fakeTarget, testSetup, userRequest } from './__fixtures__/test-router.js';

const small = fakeTarget({ id: 'small', tier: 1 });
const smallToo = fakeTarget({ id: 'small-too', tier: 1 });
const large = fakeTarget({ id: 'large', tier: 2 });
const cloud = fakeTarget({ id: 'cloud', tier: 3, locality: 'cloud' });

const personSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
  required: ['name'],
  additionalProperties: false,
} as const;

const valid = JSON.stringify({ name: 'Ada', age: 36 });
const invalid = JSON.stringify({ name: 'Ada', age: 'old' });

function temperaturesSent(setup: ReturnType<typeof testSetup>, target: string): unknown[] {
  return (setup.backends[target]?.calls ?? []).map((call) => call.request.temperature);
}

describe('structured output', () => {
  it('retries at lower temperatures, then escalates to a higher tier, then succeeds', async () => {
    const setup = testSetup([small, smallToo, large, cloud], {
      small: [{ type: 'answer', content: invalid }],
      large: [{ type: 'answer', content: valid }],
    });
    const result = await setup.router.generateObject(
      userRequest('Who wrote the first program?', { temperature: 0.7 }),
      {
        schema: personSchema,
        name: 'person',
      },
    );
    expect(result.object).toEqual({ name: 'Ada', age: 36 });
    expect(temperaturesSent(setup, 'small')).toEqual([0.7, 0.2, 0.1]);
    expect(temperaturesSent(setup, 'large')).toEqual([0.7]);
    expect(callOrder(setup)).toEqual(['small', 'small', 'small', 'large']);
    expect(result.target.target).toBe('large');
    expect(result).toMatchObject({ retries: 2, escalations: 1, fallbacks: 0 });
    const end = setup.events.find((event) => event.name === 'request-end')?.payload as RequestEndEvent;
    expect(end.escalations).toEqual([
      { from: 'small', to: 'large', reason: 'invalid-output', detail: '/age: must be integer' },
    ]);
    expect(end.skipped).toEqual([{ target: 'small-too', hop: 1, reason: 'not-a-higher-tier' }]);
    expect(
      end.validationFailures.map((failure) => [failure.target, failure.temperature, failure.errors]),
    ).toEqual([
      ['small', undefined, ['/age: must be integer']],
      ['small', 0.2, ['/age: must be integer']],
      ['small', 0.1, ['/age: must be integer']],
    ]);
    // Rejected answers still cost tokens.
    expect(end.totalUsage.outputTokens).toBe(4 * 5);
    const sent = setup.backends.small?.calls[0]?.request.response_format;
    expect(sent).toEqual({ type: 'json_schema', json_schema: { name: 'person', schema: personSchema } });
  });

  it('never raises the temperature above the request’s own', async () => {
    const setup = testSetup([small, large], { small: [{ type: 'answer', content: invalid }] });
    await setup.router
      .generateObject(userRequest('x', { temperature: 0.15 }), { schema: personSchema })
      .catch(() => undefined);
    expect(temperaturesSent(setup, 'small')).toEqual([0.15, 0.15, 0.1]);
  });

  it('escalates to the next hop when no hop has a higher tier', async () => {
    const setup = testSetup([small, smallToo], {
      small: [{ type: 'answer', content: 'not json' }],
      'small-too': [{ type: 'answer', content: valid }],
    });
    const result = await setup.router.generateObject(userRequest(), { schema: personSchema });
    expect(result.target.target).toBe('small-too');
    expect(result.object.name).toBe('Ada');
  });

  it('throws invalid-output listing the validation errors when no hop produces valid output', async () => {
    const setup = testSetup([small, large], {
      small: [{ type: 'answer', content: invalid }],
      large: [{ type: 'answer', content: JSON.stringify({ age: 3, extra: true }) }],
    });
    const error = await setup.router
      .generateObject(userRequest(), { schema: personSchema })
      .catch((caught) => caught);
    expect(ExecutionError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid-output', failure: 'exhausted' });
    expect(error.validationErrors).toEqual([
      "(root): must have required property 'name'",
      "(root): must NOT have additional properties ('extra')",
    ]);
    expect(error.message).toContain("must have required property 'name'");
    expect(error.attempts).toHaveLength(6);
  });

  it('does not escalate when validation.escalate is false', async () => {
    const setup = testSetup(
      [small, large],
      { small: [{ type: 'answer', content: invalid }] },
      { execution: { validation: { escalate: false, maxAttempts: 2 } } },
    );
    const error = await setup.router
      .generateObject(userRequest(), { schema: personSchema })
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'invalid-output' });
    expect(callOrder(setup)).toEqual(['small', 'small']);
  });

  it('validates response_format json_schema on plain generate, and unwraps a code fence', async () => {
    const setup = testSetup([small], {
      small: [{ type: 'answer', content: `\`\`\`json\n${valid}\n\`\`\`` }],
    });
    const result = await setup.router.generate(
      userRequest('x', {
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'person', schema: { ...personSchema } },
        },
      }),
    );
    expect(result.completion.choices[0]?.message.content).toBe(valid);
  });

  it('requires a JSON object for json_object', async () => {
    const setup = testSetup([small, large], {
      small: [{ type: 'answer', content: '[1, 2]' }],
      large: [{ type: 'answer', content: '{"ok": true}' }],
    });
    const result = await setup.router.generate(
      userRequest('x', { response_format: { type: 'json_object' } }),
    );
    expect(result.target.target).toBe('large');
    expect(result.attempts[0]?.rejection).toEqual({
      by: 'validation',
      reason: '(root): must be a JSON object, got an array',
    });
  });

  it('rejects an invalid JSON Schema before calling any backend', async () => {
    const setup = testSetup([small]);
    const request = userRequest('x', {
      response_format: { type: 'json_schema', json_schema: { name: 'bad', schema: { type: 'nonsense' } } },
    });
    await expect(setup.router.generate(request)).rejects.toThrow(InvalidRequestError);
    await expect(setup.router.generate(request)).rejects.toThrow(
      /response_format\.json_schema\.schema: not a valid JSON Schema/,
    );
    expect(setup.backends.small?.calls).toHaveLength(0);
  });

  it('validates a 2020-12 schema with the matching ajv dialect', async () => {
    const setup = testSetup([small, large], {
      small: [{ type: 'answer', content: '[1, "x"]' }],
      large: [{ type: 'answer', content: '[1, 2]' }],
    });
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      prefixItems: [{ type: 'number' }, { type: 'number' }],
    };
    const result = await setup.router.generate(
      userRequest('x', { response_format: { type: 'json_schema', json_schema: { name: 'pair', schema } } }),
    );
    expect(result.target.target).toBe('large');
  });

  it('types and parses a zod schema, sending its JSON Schema without $schema', async () => {
    const schema = z.object({
      city: z.string(),
      population: z
        .number()
        .int()
        .transform((value) => BigInt(value)),
    });
    const setup = testSetup([small, large], {
      small: [{ type: 'answer', content: '{"city": "Paris", "population": "many"}' }],
      large: [{ type: 'answer', content: '{"city": "Paris", "population": 2100000}' }],
    });
    const result = await setup.router.generateObject(userRequest(), { schema, name: 'place' });
    expectTypeOf(result.object).toEqualTypeOf<{ city: string; population: bigint }>();
    expect(result.object).toEqual({ city: 'Paris', population: 2_100_000n });
    const format = setup.backends.small?.calls[0]?.request.response_format;
    expect(format?.type === 'json_schema' && format.json_schema.schema).toMatchObject({
      type: 'object',
      properties: { city: { type: 'string' }, population: { type: 'integer' } },
    });
    expect(format?.type === 'json_schema' && format.json_schema.schema?.$schema).toBeUndefined();
    expect(result.attempts[0]?.rejection?.reason).toContain('population');
  });

  it('types the object from a const JSON Schema', async () => {
    const setup = testSetup([small], { small: [{ type: 'answer', content: valid }] });
    const result = await setup.router.generateObject(userRequest(), { schema: personSchema });
    expectTypeOf(result.object).toEqualTypeOf<{ name: string; age?: number }>();
    const inline = await setup.router.generateObject(userRequest(), {
      schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
    });
    expectTypeOf(inline.object.name).toEqualTypeOf<string>();
  });

  it('refuses a bad object name', async () => {
    const setup = testSetup([small]);
    await expect(
      setup.router.generateObject(userRequest(), { schema: personSchema, name: 'has space' }),
    ).rejects.toThrow("generateObject: name 'has space' must be 1–64 letters, digits, underscores or dashes");
  });
});
