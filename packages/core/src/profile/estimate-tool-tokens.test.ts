import { getEncoding } from 'js-tiktoken';
import { describe, expect, test } from 'vitest';
import type { ChatTool } from '../request/chat-request-schema.js';
import { estimateToolTokens, TOOL_WALK_MAX_NODES } from './estimate-tool-tokens.js';

const cl100k = getEncoding('cl100k_base');
const exactTokens = (tool: ChatTool) => cl100k.encode(JSON.stringify(tool)).length;

const weather: ChatTool = {
  type: 'function',
  function: {
    name: 'get_current_weather',
    description: 'Get the current weather in a given location.',
    parameters: {
      type: 'object',
      properties: {
        location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['location'],
    },
  },
};

const searchFlights: ChatTool = {
  type: 'function',
  function: {
    name: 'search_flights',
    description:
      'Search for flights between two airports on a date. Returns up to `limit` offers sorted by price, with the carrier, the departure and arrival times and the number of stops.',
    parameters: {
      type: 'object',
      properties: {
        origin: { type: 'string', description: 'IATA code of the departure airport, e.g. "SFO".' },
        destination: { type: 'string', description: 'IATA code of the arrival airport.' },
        date: { type: 'string', format: 'date', description: 'Departure date, YYYY-MM-DD.' },
        passengers: {
          type: 'object',
          properties: {
            adults: { type: 'integer', minimum: 1, maximum: 9, default: 1 },
            children: { type: 'integer', minimum: 0, maximum: 8, default: 0 },
          },
          required: ['adults'],
        },
        cabin: { type: 'string', enum: ['economy', 'premium_economy', 'business', 'first'] },
        maxStops: { type: ['integer', 'null'], description: 'Most stops allowed; null for any.' },
        limit: { type: 'integer', default: 10 },
      },
      required: ['origin', 'destination', 'date'],
      additionalProperties: false,
    },
    strict: true,
  },
};

const noParameters: ChatTool = {
  type: 'function',
  function: { name: 'get_server_time', description: 'Current time of the server, ISO 8601.' },
};

describe('estimateToolTokens', () => {
  test.each([
    ['weather (OpenAI docs example)', weather],
    ['flight search with nested object, enums and defaults', searchFlights],
    ['a tool without parameters', noParameters],
  ])('%s is within ±15%% of its JSON cl100k count', (_name, tool) => {
    const exact = exactTokens(tool);
    expect(Math.abs(estimateToolTokens(tool) - exact) / exact).toBeLessThanOrEqual(0.15);
  });

  test('a bigger schema costs more', () => {
    expect(estimateToolTokens(searchFlights)).toBeGreaterThan(2 * estimateToolTokens(weather));
  });

  test('the walk is bounded: a huge schema stops at the node limit', () => {
    const properties: Record<string, unknown> = {};
    for (let index = 0; index < TOOL_WALK_MAX_NODES * 3; index++)
      properties[`p${index}`] = { type: 'string' };
    const huge: ChatTool = {
      type: 'function',
      function: { name: 'huge', parameters: { type: 'object', properties } },
    };
    const tenTimesFewer: Record<string, unknown> = {};
    for (let index = 0; index < TOOL_WALK_MAX_NODES / 10; index++)
      tenTimesFewer[`p${index}`] = { type: 'string' };
    const small: ChatTool = {
      type: 'function',
      function: { name: 'small', parameters: { type: 'object', properties: tenTimesFewer } },
    };
    const hugeEstimate = estimateToolTokens(huge);
    expect(hugeEstimate).toBeLessThan(exactTokens(huge) / 2);
    expect(hugeEstimate).toBeGreaterThan(5 * estimateToolTokens(small));
  });

  test('a deeply nested schema does not overflow the stack', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let depth = 0; depth < 10_000; depth++) schema = { type: 'object', properties: { next: schema } };
    const deep: ChatTool = { type: 'function', function: { name: 'deep', parameters: schema } };
    expect(estimateToolTokens(deep)).toBeGreaterThan(0);
  });
});
