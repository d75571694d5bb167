import { describe, expect, it } from 'vitest';
import { connectionError, type FixtureResponse, fixtureFetch } from './__fixtures__/fixture-fetch.js';
import { createBackendConnection } from './create-backend-connection.js';
import { probeHealthEndpoint } from './probe-health-endpoint.js';

const root = 'http://127.0.0.1:9000';
const loadMetrics = { processing: 'server:running', queued: 'server:waiting' };
const metrics =
  '# TYPE server:running gauge\nserver:running{model="a"} 2\nserver:running{model="b"} 1\nserver:waiting 5\n';

function contextFor(routes: Record<string, FixtureResponse>) {
  const fake = fixtureFetch(routes);
  const connection = createBackendConnection(
    { baseUrl: `${root}/v1`, fetch: fake.fetch },
    { defaultId: 'local', displayName: 'server' },
  );
  return { connection, calls: fake.calls };
}

describe('probeHealthEndpoint', () => {
  it('is up with the Prometheus load once /health answers 200', async () => {
    const { connection, calls } = contextFor({
      'GET /health': { body: '' },
      'GET /metrics': { body: metrics },
    });
    const result = await probeHealthEndpoint(connection, root, { loadMetrics });
    expect(result).toEqual({
      status: 'up',
      latencyMs: expect.any(Number),
      load: { processing: 3, queued: 5 },
    });
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      `GET ${root}/health`,
      `GET ${root}/metrics`,
    ]);
  });

  it.each<[string, FixtureResponse]>([
    ['metrics are disabled', { status: 404, body: 'Not Found' }],
    ['metrics name neither gauge', { body: 'other_metric 1\n' }],
  ])('is up without load when %s', async (_, metricsAnswer) => {
    const { connection } = contextFor({ 'GET /health': { body: '' }, 'GET /metrics': metricsAnswer });
    const result = await probeHealthEndpoint(connection, root, { loadMetrics });
    expect(result.status).toBe('up');
    expect(result).not.toHaveProperty('load');
  });

  it('asks for no load when told no way to read it', async () => {
    const { connection, calls } = contextFor({ 'GET /health': { body: '{"status":"ok"}' } });
    expect(await probeHealthEndpoint(connection, root)).toMatchObject({ status: 'up' });
    expect(calls).toHaveLength(1);
  });

  it('reads load with readLoad instead of the metrics', async () => {
    const { connection, calls } = contextFor({ 'GET /health': { body: '' } });
    const result = await probeHealthEndpoint(connection, root, {
      loadMetrics,
      readLoad: async () => ({ processing: 1, slots: 4 }),
    });
    expect(result).toMatchObject({ status: 'up', load: { processing: 1, slots: 4 } });
    expect(calls).toHaveLength(1);
  });

  it.each<[string, FixtureResponse, string]>([
    ['an error status', { status: 503, body: { error: 'unhealthy' } }, 'unavailable (HTTP 503): unhealthy'],
    [
      'a closed port',
      { error: connectionError('ECONNREFUSED') },
      `network: cannot reach ${root}/health: connection refused`,
    ],
  ])('is down with the reason on %s, and never throws', async (_, healthAnswer, detail) => {
    const { connection, calls } = contextFor({ 'GET /health': healthAnswer });
    expect(await probeHealthEndpoint(connection, root, { loadMetrics })).toMatchObject({
      status: 'down',
      detail,
    });
    expect(calls).toHaveLength(1);
  });

  it('lets whenUnhealthy turn a failed health call into another outcome', async () => {
    const { connection } = contextFor({ 'GET /health': { status: 503, body: { error: 'warming up' } } });
    const seen: unknown[] = [];
    const result = await probeHealthEndpoint(connection, root, {
      whenUnhealthy: (error) => {
        seen.push(error);
        return { status: 'loading', detail: 'still loading' };
      },
    });
    expect(result).toMatchObject({ status: 'loading', detail: 'still loading' });
    expect(seen).toEqual([expect.objectContaining({ code: 'unavailable', status: 503 })]);
  });
});
