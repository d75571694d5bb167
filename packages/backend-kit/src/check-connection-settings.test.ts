import { InvalidConfigError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { type ConnectionSettingsToCheck, checkConnectionSettings } from './check-connection-settings.js';

const check = { displayName: 'Server', exampleBaseUrl: 'http://127.0.0.1:8000' };

function issuesOf(settings: ConnectionSettingsToCheck, problems?: readonly string[]): readonly string[] {
  try {
    checkConnectionSettings(settings, { ...check, problems });
  } catch (error) {
    if (InvalidConfigError.isInstance(error)) return error.issues;
    throw error;
  }
  return [];
}

describe('checkConnectionSettings', () => {
  it.each<ConnectionSettingsToCheck>([
    {},
    { baseUrl: 'http://127.0.0.1:8000/v1', streamIdleTimeoutMs: 30_000 },
    { baseUrl: 'https://api.example.com' },
    { streamIdleTimeoutMs: 0.5 },
  ])('accepts %o', (settings) => {
    expect(issuesOf(settings)).toEqual([]);
  });

  it.each<[ConnectionSettingsToCheck, string]>([
    [{ baseUrl: '127.0.0.1:8000' }, 'baseUrl: must be an http(s) URL such as http://127.0.0.1:8000'],
    [{ baseUrl: 'ftp://host/' }, 'baseUrl: must be an http(s) URL such as http://127.0.0.1:8000'],
    [{ baseUrl: 8000 }, 'baseUrl: must be an http(s) URL such as http://127.0.0.1:8000'],
    [{ streamIdleTimeoutMs: 0 }, 'streamIdleTimeoutMs: must be a positive number of milliseconds'],
    [{ streamIdleTimeoutMs: '30s' }, 'streamIdleTimeoutMs: must be a positive number of milliseconds'],
  ])('rejects %o', (settings, issue) => {
    expect(issuesOf(settings)).toEqual([issue]);
  });

  it("lists every problem, the adapter's own between baseUrl's and the timeout's, never a value", () => {
    const settings = { baseUrl: 'secret-host:1', streamIdleTimeoutMs: -1 };
    let thrown: unknown;
    try {
      checkConnectionSettings(settings, { ...check, problems: ['numCtx: must be a positive integer'] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      name: 'InvalidConfigError',
      message:
        'Invalid Server backend settings: baseUrl: must be an http(s) URL such as http://127.0.0.1:8000; numCtx: must be a positive integer; streamIdleTimeoutMs: must be a positive number of milliseconds',
    });
    expect((thrown as Error).message).not.toContain('secret-host');
  });
});
