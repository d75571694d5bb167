import { describe, expect, it } from 'vitest';
import {
  connectionError,
  fixtureFetch,
  loadFixture,
} from '../../backend-kit/src/__fixtures__/fixture-fetch.js';
import { createLlamaCpp } from './create-llamacpp.js';

const fixtures = new URL('./__fixtures__/', import.meta.url);

describe('llama.cpp probe()', () => {
  it('is up with slot load when /health is 200', async () => {
    const fake = fixtureFetch({
      'GET /health': loadFixture(fixtures, 'llamacpp-health'),
      'GET /slots': loadFixture(fixtures, 'llamacpp-slots'),
    });
    const result = await createLlamaCpp({ fetch: fake.fetch }).probe();
    expect(result).toMatchObject({ status: 'up', load: { processing: 2, slots: 4 } });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(fake.calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'GET http://127.0.0.1:8080/health',
      'GET http://127.0.0.1:8080/slots',
    ]);
  });

  it('is loading on the observed 503 Loading model', async () => {
    const fake = fixtureFetch({ 'GET /health': loadFixture(fixtures, 'llamacpp-error-loading') });
    expect(await createLlamaCpp({ fetch: fake.fetch }).probe()).toMatchObject({
      status: 'loading',
      detail: 'llama-server is loading the model',
    });
    expect(fake.calls).toHaveLength(1);
  });

  it('is up without load when /slots is disabled (501)', async () => {
    const fake = fixtureFetch({
      'GET /health': loadFixture(fixtures, 'llamacpp-health'),
      'GET /slots': {
        status: 501,
        body: {
          error: {
            code: 501,
            message: 'This server does not support slots endpoint.',
            type: 'not_supported_error',
          },
        },
      },
    });
    const result = await createLlamaCpp({ fetch: fake.fetch }).probe();
    expect(result.status).toBe('up');
    expect(result).not.toHaveProperty('load');
  });

  it('is down with the reason when the port is closed, and never throws', async () => {
    const fake = fixtureFetch({ 'GET /health': { error: connectionError('ECONNREFUSED') } });
    expect(await createLlamaCpp({ fetch: fake.fetch }).probe()).toMatchObject({
      status: 'down',
      detail: 'network: cannot reach http://127.0.0.1:8080/health: connection refused',
    });
  });
});
