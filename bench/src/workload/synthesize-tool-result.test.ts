import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random.js';
import { synthesizeToolResult } from './synthesize-tool-result.js';

const initialConfig = {
  GorillaFileSystem: {
    root: {
      workspace: {
        type: 'directory',
        contents: {
          'final_report.pdf': {
            type: 'file',
            content: 'Year2024 This is the final report. Budget analysis.',
          },
        },
      },
    },
  },
  TradingBot: { account_info: { balance: 10_000.5 }, watch_list: ['NVDA'] },
};

const run = (functionName: string, response: unknown, callArguments: Record<string, unknown>, long = false) =>
  JSON.parse(
    synthesizeToolResult(
      { functionName, response, callArguments, initialConfig, long },
      createSeededRandom(1),
    ),
  );

describe('synthesizeToolResult', () => {
  it('returns the content of the file a call names', () => {
    const response = { type: 'dict', properties: { file_content: { type: 'string' } } };
    expect(run('cat', response, { file_name: 'final_report.pdf' })).toEqual({
      file_content: 'Year2024 This is the final report. Budget analysis.',
    });
  });

  it('takes values from the API state by key, and from same-named arguments', () => {
    const response = {
      type: 'dict',
      properties: { balance: { type: 'float' }, symbol: { type: 'string' } },
    };
    expect(run('get_account_info', response, { symbol: 'OMEG' })).toEqual({
      balance: 10_000.5,
      symbol: 'OMEG',
    });
  });

  it('honours enum notes, booleans and numbers', () => {
    const response = {
      type: 'dict',
      properties: {
        lockStatus: { type: 'string', description: 'The status. [Enum]: ["locked", "unlocked"]' },
        ok: { type: 'boolean' },
        count: { type: 'integer' },
      },
    };
    const result = run('lockDoors', response, {});
    expect(['locked', 'unlocked']).toContain(result.lockStatus);
    expect(result.ok).toBe(true);
    expect(Number.isInteger(result.count)).toBe(true);
  });

  it('makes long lists for long-context items', () => {
    const response = { type: 'dict', properties: { matches: { type: 'array', items: { type: 'string' } } } };
    expect(run('find', response, {}, false).matches.length).toBeLessThanOrEqual(4);
    expect(run('find', response, {}, true).matches.length).toBeGreaterThanOrEqual(20);
  });

  it('is deterministic for a seed', () => {
    const response = {
      type: 'dict',
      properties: { id: { type: 'integer' }, names: { type: 'array', items: { type: 'string' } } },
    };
    expect(run('x', response, {})).toEqual(run('x', response, {}));
  });
});
