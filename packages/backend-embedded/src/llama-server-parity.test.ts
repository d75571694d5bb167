import type { ChatRequest } from '@switchyard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The launcher lives in @switchyard/testing; imported by path until that package's index exports it.
import { type LlamaServer, locateLlamaServer, startLlamaServer } from '../../testing/src/llama-server.js';
import { testModels } from './__fixtures__/test-models.js';
import { createEmbedded } from './index.js';

const location = locateLlamaServer();
const skipNote = location.skipReason === undefined ? '' : ` — skipped: ${location.skipReason}`;

type ServerCompletion = {
  model: string;
  choices: { message: { content: string }; finish_reason: string }[];
  usage: { prompt_tokens: number; completion_tokens: number };
};

describe.skipIf(location.skipReason !== undefined)(
  `embedded backend and a real llama-server agree${skipNote}`,
  () => {
    let server: LlamaServer;
    const embedded = createEmbedded({ modelPath: testModels.tinyChatml, contextSize: 2048 });

    beforeAll(async () => {
      server = await startLlamaServer({
        modelPath: testModels.tinyChatml,
        ctx: 2048,
        parallel: 1,
        alias: 'tiny',
      });
    });
    afterAll(async () => {
      await server?.stop();
      await embedded.close();
    });

    async function serverChat(body: Record<string, unknown>): Promise<ServerCompletion> {
      const response = await fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, server.logs()).toBe(200);
      return (await response.json()) as ServerCompletion;
    }

    it('serves /health and names the model by its alias', async () => {
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      const models = (await (await fetch(`${server.url}/v1/models`)).json()) as { data: { id: string }[] };
      expect(models.data[0]?.id).toBe('tiny');
    });

    it.each([
      { name: 'a plain request', extra: {}, content: 'Hello! I am a tiny test model.', finish: 'stop' },
      { name: 'max_tokens 3', extra: { max_tokens: 3 }, content: 'Hello! I', finish: 'length' },
      { name: 'a stop string', extra: { stop: [' tiny'] }, content: 'Hello! I am a', finish: 'stop' },
    ])('gives the same answer and completion tokens for $name', async ({ extra, content, finish }) => {
      const request = { model: 'tiny', messages: [{ role: 'user', content: 'Say hello.' }], ...extra };
      const fromServer = await serverChat(request);
      const fromEmbedded = await embedded.doGenerate({ request: request as ChatRequest, model: 'tiny' });
      expect(fromServer.choices[0]).toMatchObject({ message: { content }, finish_reason: finish });
      expect(fromEmbedded.completion.choices[0]).toMatchObject({
        message: { content },
        finish_reason: finish,
      });
      if (finish === 'length' || extra.stop === undefined) {
        expect(fromEmbedded.usage.outputTokens).toBe(fromServer.usage.completion_tokens);
      }
    });

    it('stops the server: the port no longer answers', async () => {
      const second = await startLlamaServer({ modelPath: testModels.tinyChatml, ctx: 512 });
      expect((await fetch(`${second.url}/health`)).status).toBe(200);
      await second.stop();
      await second.stop(); // idempotent
      await expect(fetch(`${second.url}/health`)).rejects.toThrow();
    });
  },
);

describe('locateLlamaServer', () => {
  it('either finds a binary or says how to build one', () => {
    if (location.binaryPath !== undefined) {
      expect(location.binaryPath).toMatch(/llama-server-[\d.]+-[0-9a-f]{12}(-portable)?\/llama-server$/);
    } else {
      expect(location.skipReason).toMatch(/build-llama-server\.sh|SWITCHYARD_LLAMA_SERVER|node-llama-cpp/);
    }
  });
});
