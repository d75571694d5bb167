import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { GatewayAddress } from '@switchyard/gateway';
import { builtinPolicies, defaultPolicyNames } from '@switchyard/policies';
import { type Emulator, startOllamaEmulator } from '@switchyard/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './__fixtures__/run-cli.js';
import { createProgram } from './create-program.js';

let emptyDirectory: string;

beforeAll(async () => {
  emptyDirectory = await mkdtemp(join(tmpdir(), 'switchyard-serve-'));
});

afterAll(async () => {
  await rm(emptyDirectory, { recursive: true, force: true });
});

/** Starts `switchyard serve …` in-process; resolves once it listens. */
async function startServe(argv: readonly string[], env: Record<string, string> = {}, cwd = emptyDirectory) {
  let stdout = '';
  let stderr = '';
  let exitCode: number | undefined;
  const shutdown = new AbortController();
  let onListening!: (address: GatewayAddress) => void;
  const listening = new Promise<GatewayAddress>((resolve) => {
    onListening = resolve;
  });
  const program = createProgram({
    io: {
      stdin: Object.assign(Readable.from([]), { isTTY: true }),
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env,
      cwd,
    },
    registry: builtinPolicies,
    defaultPolicyNames,
    setExitCode: (code) => {
      exitCode = code;
    },
    shutdownSignal: shutdown.signal,
    onListening,
  });
  const finished = program.parseAsync(['serve', ...argv], { from: 'user' });
  const address = await Promise.race([listening, finished.then(() => Promise.reject(new Error(stderr)))]);
  return {
    address,
    output: () => ({ stdout, stderr }),
    async stop() {
      shutdown.abort();
      await finished;
      return exitCode;
    },
  };
}

describe('switchyard serve', () => {
  it('serves a real completion from the bundled model with no config at all', async () => {
    const served = await startServe(['--port', '0'], { OLLAMA_HOST: '127.0.0.1:9' });
    try {
      const client = new OpenAI({ baseURL: `${served.address.url}/v1`, apiKey: 'unused', maxRetries: 0 });
      const completion = await client.chat.completions.create({
        model: 'auto',
        messages: [{ role: 'user', content: 'Hi there' }],
        max_tokens: 16,
      });
      expect(completion.choices[0]?.message.content).toBe('Hello! I am a tiny test model.');
      const { stderr } = served.output();
      expect(stderr).toContain(`gateway listening on ${served.address.url}`);
      expect(stderr).toMatch(
        /embedded-tiny-chatml\s+embedded\s+local\s+live\s+in-process, .*tiny-chatml\.gguf; warmed up in \d+ ms/,
      );
      expect(stderr).toMatch(/ollama\s+ollama\s+local\s+not added\s+not running at http:\/\/127\.0\.0\.1:9/);
      expect(stderr).toMatch(/llamacpp\s+llamacpp\s+local\s+not added/);
      const ledgerPath = join(emptyDirectory, 'switchyard-ledger.jsonl');
      expect(stderr).toContain(`ledger: ${ledgerPath} (switchyard ledger summary --file ${ledgerPath})`);
    } finally {
      expect(await served.stop()).toBe(0);
    }
    const { stdout, stderr } = served.output();
    const line = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({
      msg: 'request',
      model: 'auto',
      target: 'embedded-tiny-chatml',
      status: 200,
    });
    expect(stderr).toContain('switchyard: stopped');
  });

  it('writes one ledger line per request, which ledger summary reads', async () => {
    const served = await startServe(['--port', '0', '--ledger', 'logs/ledger.jsonl'], {
      OLLAMA_HOST: '127.0.0.1:9',
    });
    const ledgerPath = join(emptyDirectory, 'logs', 'ledger.jsonl');
    try {
      expect(served.output().stderr).toContain(
        `ledger: ${ledgerPath} (switchyard ledger summary --file ${ledgerPath})`,
      );
      const client = new OpenAI({ baseURL: `${served.address.url}/v1`, apiKey: 'unused', maxRetries: 0 });
      await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] });
      const stream = await client.chat.completions.create({
        model: 'embedded-tiny-chatml',
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
      });
      for await (const _chunk of stream) {
        // drain
      }
    } finally {
      expect(await served.stop()).toBe(0);
    }
    const lines = (await readFile(ledgerPath, 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({
        model: 'auto',
        stream: false,
        outcome: 'success',
        target: 'embedded-tiny-chatml',
      }),
      expect.objectContaining({
        model: 'embedded-tiny-chatml',
        stream: true,
        outcome: 'success',
        target: 'embedded-tiny-chatml',
      }),
    ]);
    const summary = await runCli(['ledger', 'summary', '--file', ledgerPath, '--json'], {
      cwd: emptyDirectory,
    });
    expect(summary.code).toBe(0);
    expect(JSON.parse(summary.stdout)).toMatchObject({
      requests: 2,
      successes: 2,
      answeredLocally: 2,
      lines: 2,
    });
  });

  it('writes no ledger with --no-ledger', async () => {
    const folder = await mkdtemp(join(emptyDirectory, 'no-ledger-'));
    const served = await startServe(['--port', '0', '--no-ledger'], { OLLAMA_HOST: '127.0.0.1:9' }, folder);
    try {
      expect(served.output().stderr).toContain('ledger: off');
      const client = new OpenAI({ baseURL: `${served.address.url}/v1`, apiKey: 'unused', maxRetries: 0 });
      await client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] });
    } finally {
      await served.stop();
    }
    expect(await readdir(folder)).toEqual([]);
  });

  it('adds the models of an Ollama server that answers', async () => {
    let ollama: Emulator | undefined;
    let served: Awaited<ReturnType<typeof startServe>> | undefined;
    try {
      ollama = await startOllamaEmulator();
      served = await startServe(['--port', '0'], { OLLAMA_HOST: ollama.url });
      const models = (await (await fetch(`${served.address.url}/v1/models`)).json()) as {
        data: { id: string }[];
      };
      expect(models.data.map((model) => model.id)).toContain('ollama-llama3.1:8b');
      expect(served.output().stderr).toMatch(/ollama-llama3\.1:8b\s+ollama\s+local\s+live/);
      const client = new OpenAI({ baseURL: `${served.address.url}/v1`, apiKey: 'unused', maxRetries: 0 });
      const completion = await client.chat.completions.create({
        model: 'ollama-llama3.1:8b',
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(completion.choices[0]?.message.content).toBe('Hello from ollama emulator.');
    } finally {
      await served?.stop();
      await ollama?.close();
    }
  });

  it('exits 2 naming the port when it is already in use', async () => {
    const served = await startServe(['--port', '0'], { OLLAMA_HOST: '127.0.0.1:9' });
    try {
      const result = await runCli(['serve', '--port', String(served.address.port)], {
        cwd: emptyDirectory,
        env: { OLLAMA_HOST: '127.0.0.1:9' },
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`port ${served.address.port} on 127.0.0.1 is already in use`);
    } finally {
      await served.stop();
    }
  });

  it.each([
    {
      name: 'a --model file that does not exist',
      argv: ['serve', '--port', '0', '--model', 'missing.gguf'],
      message: /model file not found: .*missing\.gguf/,
    },
    {
      name: '--model together with a config file',
      argv: ['serve', '--config', 'switchyard.yaml', '--model', 'x.gguf'],
      message: /--model applies to the built-in config only/,
    },
    {
      name: 'a bad port',
      argv: ['serve', '--port', 'eighty'],
      message: /must be a port number from 0 to 65535/,
    },
  ])('exits 2 for $name', async ({ argv, message }) => {
    const result = await runCli(argv, { cwd: emptyDirectory });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
