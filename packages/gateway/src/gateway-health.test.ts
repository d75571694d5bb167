import { type Emulator, startOllamaEmulator, startOpenAIEmulator } from '@switchyard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, targetEntry } from './__fixtures__/gateway-harness.js';

const cloudKeyVariable = 'SWITCHYARD_HEALTH_TEST_KEY';

let cloud: Emulator;

beforeAll(async () => {
  cloud = await startOpenAIEmulator({ apiKey: 'sk-health-0123456789' });
  process.env[cloudKeyVariable] = 'sk-health-0123456789';
});

afterAll(async () => {
  await cloud?.close();
  delete process.env[cloudKeyVariable];
});

const warmUpCalls = (emulator: Emulator) =>
  emulator.requests.filter(
    (request) =>
      request.path === '/api/chat' &&
      Array.isArray((request.body as { messages?: unknown }).messages) &&
      (request.body as { messages: unknown[] }).messages.length === 0,
  );

function configWith(local: Emulator, health: Record<string, unknown>) {
  return {
    backends: {
      local: { kind: 'ollama', baseUrl: local.url, options: { keepAlive: '30m' } },
      cloud: { kind: 'openai', baseUrl: `${cloud.url}/v1`, apiKeyEnv: cloudKeyVariable },
    },
    targets: [
      targetEntry('local-llama', 'local', 'llama3.1:8b', { tier: 1 }),
      targetEntry('cloud-mini', 'cloud', 'gpt-4o-mini', { tier: 3 }),
    ],
    health,
  };
}

describe('warm-up', () => {
  it('loads the local models at listen when health.warmUp is on, once, and never calls the cloud', async () => {
    const local = await startOllamaEmulator();
    const harness = await startGatewayHarness(configWith(local, { enabled: false, warmUp: true }));
    try {
      const results = await harness.gateway.warmUp();
      expect(results).toEqual([
        expect.objectContaining({
          target: 'local-llama',
          backend: 'local',
          model: 'llama3.1:8b',
          status: 'warm',
        }),
        expect.objectContaining({ target: 'cloud-mini', status: 'skipped', detail: 'cloud target' }),
      ]);
      expect(await harness.gateway.warmUp()).toBe(results);
      expect(warmUpCalls(local)).toHaveLength(1);
      expect(warmUpCalls(local)[0]?.body).toMatchObject({ model: 'llama3.1:8b', keep_alive: '30m' });
      expect(cloud.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
      expect(harness.logs).toContainEqual(
        expect.objectContaining({ msg: 'warm-up', target: 'local-llama', status: 'warm' }),
      );
    } finally {
      await harness.close();
      await local.close();
    }
  });

  it('does not warm up at listen when health.warmUp is off', async () => {
    const local = await startOllamaEmulator();
    const harness = await startGatewayHarness(configWith(local, { intervalMs: 60_000, warmUp: false }));
    try {
      // Wait for the first round of checks, which starts at listen like the warm-up would.
      await expect.poll(() => harness.gateway.monitor?.results().length).toBe(2);
      expect(warmUpCalls(local)).toHaveLength(0);
    } finally {
      await harness.close();
      await local.close();
    }
  });
});

describe('health checks', () => {
  it('uses core’s monitor: /ready shows each backend’s check, and a change of status is logged', async () => {
    const local = await startOllamaEmulator();
    const harness = await startGatewayHarness(
      configWith(local, { intervalMs: 50, timeoutMs: 300, retries: 1 }),
    );
    try {
      await expect
        .poll(async () => (await (await fetch(`${harness.url}/ready`)).json()) as unknown)
        .toMatchObject({
          status: 'ready',
          targets: [
            {
              id: 'local-llama',
              health: 'healthy',
              probe: { status: 'up', attempts: 1, consecutiveFailures: 0, checkedAt: expect.any(Number) },
            },
            { id: 'cloud-mini', probe: { status: 'up' } },
          ],
        });
      expect(harness.logs).toContainEqual(
        expect.objectContaining({ msg: 'health check', level: 30, backend: 'local', status: 'up' }),
      );
      await local.close();
      await expect
        .poll(async () => {
          const ready = (await (await fetch(`${harness.url}/ready`)).json()) as {
            targets: { id: string; usable: boolean; probe?: { status: string; attempts: number } }[];
          };
          return ready.targets[0];
        })
        .toMatchObject({ id: 'local-llama', usable: false, probe: { status: 'down', attempts: 2 } });
      // The cloud target is still usable, so the gateway stays ready.
      expect((await fetch(`${harness.url}/ready`)).status).toBe(200);
      expect(harness.logs).toContainEqual(
        expect.objectContaining({
          msg: 'health check',
          level: 40,
          backend: 'local',
          status: 'down',
          previousStatus: 'up',
        }),
      );
    } finally {
      await harness.close();
      await local.close();
    }
  });

  it('runs no checks when health.enabled is off', async () => {
    const local = await startOllamaEmulator();
    const harness = await startGatewayHarness(configWith(local, { enabled: false }));
    try {
      expect(harness.gateway.monitor).toBeUndefined();
      const ready = (await (await fetch(`${harness.url}/ready`)).json()) as { targets: object[] };
      expect(ready.targets[0]).not.toHaveProperty('probe');
      expect(local.requests).toHaveLength(0);
    } finally {
      await harness.close();
      await local.close();
    }
  });

  it('stops checking on close', async () => {
    const local = await startOllamaEmulator();
    const harness = await startGatewayHarness(configWith(local, { intervalMs: 20 }));
    await expect.poll(() => local.requests.length).toBeGreaterThan(0);
    await harness.close();
    expect(harness.gateway.monitor?.running).toBe(false);
    // A probe sent just before close() may still arrive; after that, nothing (the interval is 20 ms).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const seen = local.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(local.requests.length).toBe(seen);
    await local.close();
  });
});
