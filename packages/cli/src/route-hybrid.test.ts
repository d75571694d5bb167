import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runCli } from './__fixtures__/run-cli.js';
import type { DecisionOutput, HopOutput } from './decision-output.js';

/**
 * The `switchyard route` contract on examples/hybrid.yaml with the real built-in policies
 * (@switchyard/policies) and the real profiler. These are end-to-end: they fail if the example,
 * a policy or the profiler stops doing what the feature list promises.
 */
const hybrid = fileURLToPath(new URL('../../../examples/hybrid.yaml', import.meta.url));

const paragraph =
  'The quarterly operations review covers revenue by region, the cost of the new data centre, ' +
  'hiring against plan, incidents and their follow-ups, and the roadmap for the next two quarters, ' +
  'with a short note from each team lead on risks and dependencies. ';

function chat(content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'auto', messages: [{ role: 'user', content }], ...extra };
}

function tool(name: string, description: string): Record<string, unknown> {
  return {
    type: 'function',
    function: {
      name,
      description,
      parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
    },
  };
}

const tripTools = [
  tool('search_flights', 'Search flights between two airports on a date'),
  tool('book_flight', 'Book a flight by offer id'),
  tool('search_hotels', 'Search hotels in a city for given dates'),
  tool('book_hotel', 'Book a hotel room by offer id'),
  tool('get_weather', 'Weather forecast for a city'),
  tool('convert_currency', 'Convert an amount between currencies'),
  tool('get_calendar', "List the user's calendar events in a range"),
  tool('create_event', 'Create a calendar event'),
  tool('send_email', 'Send an email'),
  tool('get_visa_rules', 'Visa requirements for a passport and destination'),
  tool('rent_car', 'Rent a car at a location'),
  tool('get_exchange_rates', 'Current exchange rates'),
];

async function route(body: unknown): Promise<{ code: number; output: DecisionOutput; stderr: string }> {
  const result = await runCli(['route', '--config', hybrid, '-'], { stdin: JSON.stringify(body) });
  return { code: result.code, output: JSON.parse(result.stdout || 'null'), stderr: result.stderr };
}

const hopsOf = (output: DecisionOutput): HopOutput[] => [output, ...output.fallbacks];
const droppedBy = (output: DecisionOutput, policy: string) =>
  output.trace.find((entry) => entry.policy === policy)?.dropped.map((drop) => drop.target) ?? [];

describe('switchyard route on examples/hybrid.yaml', () => {
  test('a simple summary stays local, on tier 1', async () => {
    const { code, output } = await route(chat('Summarize: the supplier meeting moved to Friday at 10.'));
    expect(code).toBe(0);
    expect(output).toMatchObject({ locality: 'local', tier: 1 });
    expect(output.profile.taskCategory).toBe('summarize');
  });

  test('privacy local-only: every hop is local; the cloud targets are dropped by privacy', async () => {
    const { code, output } = await route(
      chat('Summarize these patient notes for the handover: …', { switchyard: { privacy: 'local-only' } }),
    );
    expect(code).toBe(0);
    expect(hopsOf(output).length).toBeGreaterThan(1);
    expect(new Set(hopsOf(output).map((hop) => hop.locality))).toEqual(new Set(['local']));
    expect(droppedBy(output, 'privacy').sort()).toEqual([
      'anthropic-claude-sonnet-5',
      'openai-gpt-4o',
      'openai-gpt-4o-mini',
      'openrouter-qwen2.5-72b',
    ]);
  });

  test('long context (> 24k tokens) leaves local targets and small windows', async () => {
    const { code, output } = await route(chat(`Summarize this report:\n\n${paragraph.repeat(1200)}`));
    expect(code).toBe(0);
    expect(output.profile.promptTokens).toBeGreaterThan(24_000);
    expect(hopsOf(output).every((hop) => hop.locality === 'cloud')).toBe(true);
    expect(droppedBy(output, 'context-fit').sort()).toEqual([
      'llamacpp-qwen2.5-14b-q4', // 32k window
      'ollama-llama3.1-70b-q8', // over the 24k local ceiling
      'ollama-llama3.1-8b-q4',
      'openrouter-qwen2.5-72b', // 32k window
    ]);
  });

  test('many tools (12 > 8) go to targets rated for them', async () => {
    const { code, output } = await route(
      chat('Plan a 3-day trip to Lisbon next month.', { tools: tripTools }),
    );
    expect(code).toBe(0);
    expect(output.profile.toolCount).toBe(12);
    expect(hopsOf(output).every((hop) => hop.locality === 'cloud')).toBe(true);
    expect(droppedBy(output, 'tool-depth').sort()).toEqual([
      'llamacpp-qwen2.5-14b-q4',
      'ollama-llama3.1-70b-q8',
      'ollama-llama3.1-8b-q4',
    ]);
  });

  test('json_schema: the primary enforces the schema natively; every hop can produce JSON', async () => {
    const { code, output } = await route(
      chat('Extract the name and age: Ana Souza turned 31 last week.', {
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'person',
            strict: true,
            schema: {
              type: 'object',
              properties: { name: { type: 'string' }, age: { type: 'integer' } },
              required: ['name', 'age'],
              additionalProperties: false,
            },
          },
        },
      }),
    );
    expect(code).toBe(0);
    expect(output.profile.structuredOutput).toMatchObject({ mode: 'json_schema', strict: true });
    const nativeTargets = [
      'llamacpp-qwen2.5-14b-q4',
      'ollama-llama3.1-8b-q4',
      'ollama-llama3.1-70b-q8',
      'openai-gpt-4o',
      'openai-gpt-4o-mini',
      'anthropic-claude-sonnet-5',
    ];
    expect(nativeTargets).toContain(output.target);
    expect(output.trace.find((entry) => entry.policy === 'structured-output')?.outcome).toBe('ranked');
  });

  test('alias local/qwen2.5-14b: llama.cpp first, then OpenRouter under the mapped name and its own timeout', async () => {
    const { code, output } = await route({
      model: 'local/qwen2.5-14b',
      messages: [
        { role: 'user', content: 'Rewrite this sentence more formally: we gotta ship it by friday.' },
      ],
    });
    expect(code).toBe(0);
    expect(output.decidedBy).toBe('routing-table');
    expect(output).toMatchObject({
      target: 'llamacpp-qwen2.5-14b-q4',
      backend: 'llamacpp',
      kind: 'llamacpp',
      model: 'qwen2.5-14b-instruct',
      quantization: 'Q4_K_M',
      locality: 'local',
      timeoutMs: 60000,
    });
    expect(output.fallbacks).toEqual([
      {
        target: 'openrouter-qwen2.5-72b',
        backend: 'openrouter',
        kind: 'openrouter',
        model: 'qwen/qwen-2.5-72b-instruct',
        quantization: null,
        tier: 3,
        locality: 'cloud',
        timeoutMs: 30000,
      },
    ]);
  });

  test('alias with privacy local-only keeps the local primary and loses the cloud fallback', async () => {
    const { code, output } = await route({
      model: 'local/qwen2.5-14b',
      messages: [{ role: 'user', content: 'Rewrite my private note more formally.' }],
      switchyard: { privacy: 'local-only' },
    });
    expect(code).toBe(0);
    expect(output.target).toBe('llamacpp-qwen2.5-14b-q4');
    expect(output.fallbacks).toEqual([]);
  });

  test('premium gpt-4o goes straight to OpenAI gpt-4o, never local', async () => {
    const { code, output } = await route({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Summarize: the supplier meeting moved to Friday.' }],
    });
    expect(code).toBe(0);
    expect(output).toMatchObject({
      target: 'openai-gpt-4o',
      kind: 'openai',
      model: 'gpt-4o',
      decidedBy: 'routing-table',
    });
    expect(hopsOf(output).every((hop) => hop.locality === 'cloud')).toBe(true);
  });

  test('a [cloud] tag in the prompt asks for tier 3', async () => {
    const { code, output } = await route(chat('[cloud] Summarize: the supplier meeting moved to Friday.'));
    expect(code).toBe(0);
    expect(output.profile.tierTag).toBe(3);
    expect(output).toMatchObject({ tier: 3, locality: 'cloud' });
  });

  test('quantization: the decision names it; a tier-2 local request gets the Q8_0 70B', async () => {
    const { code, output } = await route(
      chat('Check this contract clause for ambiguities.', { switchyard: { privacy: 'local-only', tier: 2 } }),
    );
    expect(code).toBe(0);
    expect(output).toMatchObject({ target: 'ollama-llama3.1-70b-q8', quantization: 'Q8_0', tier: 2 });
    expect(output.fallbacks.map((hop) => hop.quantization)).toEqual(['Q4_K_M', 'Q4_K_M']);

    const cloud = await route({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    expect(cloud.output.quantization).toBeNull();
  });

  test('no route: local-only with a 200k-token prompt exits 3 and lists the rejections', async () => {
    const result = await runCli(['route', '--config', hybrid, '-'], {
      stdin: JSON.stringify(
        chat(`Summarize:\n\n${paragraph.repeat(8000)}`, { switchyard: { privacy: 'local-only' } }),
      ),
    });
    expect(result.code).toBe(3);
    const output = JSON.parse(result.stdout);
    expect(output.error).toBe('no-route');
    const policies = output.rejections.map((rejection: { policy: string }) => rejection.policy);
    expect(policies).toEqual(['privacy', 'context-fit']);
    const contextFit = output.rejections[1];
    expect(contextFit.dropped.map((drop: { target: string }) => drop.target).sort()).toEqual([
      'llamacpp-qwen2.5-14b-q4',
      'ollama-llama3.1-70b-q8',
      'ollama-llama3.1-8b-q4',
    ]);
  });

  test('--explain on the alias shows the deciding policy and both hops', async () => {
    const result = await runCli(['route', '--config', hybrid, '-', '--explain'], {
      stdin: JSON.stringify({ model: 'local/qwen2.5-14b', messages: [{ role: 'user', content: 'Hello' }] }),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Route (decided by routing-table)\n');
    expect(result.stdout).toMatch(
      / {2}primary {5}llamacpp-qwen2\.5-14b-q4 +llamacpp +qwen2\.5-14b-instruct +Q4_K_M/,
    );
    expect(result.stdout).toMatch(
      / {2}fallback 1 {2}openrouter-qwen2\.5-72b +openrouter +qwen\/qwen-2\.5-72b-instruct +- +tier 3 +cloud +timeout 30 s/,
    );
  });

  test('bad options of a built-in policy are named by path (exit 2)', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'switchyard-hybrid-'));
    try {
      const text = (await readFile(hybrid, 'utf8')).replace(
        'options: { maxTools: 8, maxToolChainLength: 5 }',
        'options: { maxTools: "8", maxToolChains: 5 }',
      );
      await writeFile(join(directory, 'bad-options.yaml'), text);
      const result = await runCli(['route', '--config', join(directory, 'bad-options.yaml'), '-'], {
        stdin: JSON.stringify(chat('Hello')),
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `switchyard: invalid config ${join(directory, 'bad-options.yaml')}:\n` +
          '  policies[4].options.maxTools: Invalid input: expected number, received string\n' +
          '  policies[4].options: Unrecognized key: "maxToolChains"\n',
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
