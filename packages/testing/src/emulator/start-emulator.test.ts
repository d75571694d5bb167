import { describe, expect, it } from 'vitest';
import type { EmulatorKind } from './emulator.js';
import { emulatorKinds, startEmulator, withEmulator } from './start-emulator.js';

describe('startEmulator / withEmulator', () => {
  it.each(emulatorKinds)('starts a %s emulator on 127.0.0.1 with a random port', async (kind) => {
    const emulator = await startEmulator(kind);
    expect(emulator.kind).toBe(kind);
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
    expect(emulator.models.length).toBeGreaterThan(0);
    await emulator.close();
    await emulator.close();
    await expect(fetch(emulator.url)).rejects.toThrow();
  });

  it('withEmulator closes the emulator after run, even when run throws', async () => {
    let url = '';
    await expect(
      withEmulator('tgi', {}, async (tgi) => {
        url = tgi.url;
        expect((await fetch(`${tgi.url}/health`)).status).toBe(200);
        throw new Error('test failure');
      }),
    ).rejects.toThrow('test failure');
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    expect(await withEmulator('vllm', {}, (vllm) => vllm.kind)).toBe('vllm');
  });

  it('names the kinds when given an unknown one, and rejects bad model lists', async () => {
    expect(() => startEmulator('llamafile' as EmulatorKind)).toThrow(
      "unknown emulator kind 'llamafile'; expected one of openai, openrouter, vllm, tgi, ollama, anthropic",
    );
    await expect(startEmulator('openai', { models: [] })).rejects.toThrow('needs at least one model');
    await expect(startEmulator('openai', { models: ['a', 'a'] })).rejects.toThrow(
      "model 'a' is listed twice",
    );
  });

  it('reports a responder bug as a 500 and in emulator.errors', async () => {
    await withEmulator(
      'openai',
      { responder: () => ({ toolCalls: [{ name: 'missing' }] }) },
      async (openai) => {
        const response = await fetch(`${openai.url}/v1/chat/completions`, {
          method: 'POST',
          body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
        });
        expect(response.status).toBe(500);
        expect(await response.text()).toBe(
          "openai emulator error: responder asked for a call to tool 'missing', but the request offered: none",
        );
        expect(openai.errors).toHaveLength(1);
      },
    );
  });
});
