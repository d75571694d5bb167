// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PolicyRegistry } from '@switchyard/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from './__fixtures__/run-cli.js';

/**
 * The CLI mechanics — exit codes, output shapes, input sources — with a tiny inline registry, so
 * these tests do not depend on the built-in policies (route-hybrid.test.ts covers those).
 */
const registry: PolicyRegistry = {
  'local-only': () => ({
    specificationVersion: 'v1',
    name: 'local-only',
    decide: ({ profile, candidates }) => {
      if (profile.privacy !== 'local-only')
        return { type: 'not-applicable', reason: 'request may use cloud' };
      const cloud = candidates.filter((candidate) => candidate.target.locality === 'cloud');
      return {
        type: 'ranked',
        reason: 'request is local-only',
        candidates: candidates.filter((candidate) => candidate.target.locality === 'local'),
        dropped: cloud.map((candidate) => ({ target: candidate.target.id, reason: 'cloud target' })),
      };
    },
  }),
  'small-window': () => ({
    specificationVersion: 'v1',
    name: 'small-window',
    decide: ({ request, candidates }) =>
      request.max_tokens !== undefined && request.max_tokens !== null && request.max_tokens > 4000
        ? { type: 'rejected', reason: 'asks for more than 4000 output tokens' }
        : { type: 'ranked', reason: 'fits', candidates },
  }),
  'cheapest-first': () => ({
    specificationVersion: 'v1',
    name: 'cheapest-first',
    decide: ({ candidates }) => ({
      type: 'ranked',
      reason: 'local first',
      candidates: [...candidates].sort((a, b) => a.target.tier - b.target.tier),
    }),
  }),
  boom: () => ({
    specificationVersion: 'v1',
    name: 'boom',
    decide: () => {
      throw new Error('policy exploded');
    },
  }),
};
const options = { registry, defaultPolicyNames: ['local-only', 'small-window', 'cheapest-first'] };

const config = `
backends:
  ollama: { kind: ollama }
  openai: { kind: openai, apiKey: "\${OPENAI_API_KEY}" }
targets:
  - id: gpt-4o
    backend: openai
    model: gpt-4o
    capabilities: { contextWindow: 128000 }
  - id: llama-8b
    backend: ollama
    model: llama3.1:8b-instruct-q4_K_M
    quantization: Q4_K_M
    capabilities: { contextWindow: 131072 }
    timeoutMs: 45000
`;
const request = {
  model: 'auto',
  messages: [{ role: 'user', content: 'Summarize: the meeting moved to Friday.' }],
};
const secret = 'sk-test-do-not-print-0123456789';
const env = { OPENAI_API_KEY: secret };

let directory: string;
const path = (name: string) => join(directory, name);
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'switchyard-cli-'));
  await writeFile(path('switchyard.yaml'), config);
  await writeFile(path('boom.yaml'), `${config}\npolicies: [boom]\n`);
  await writeFile(path('typo.yaml'), `${config}\npolicies: [local-only, cheapest-frist]\n`);
  await writeFile(
    path('invalid.yaml'),
    config
      .replace('contextWindow: 128000', 'contextWindow: "128k"')
      .replace('model: gpt-4o', 'model: gpt-4o\n    tier: "${OPENAI_API_KEY}"'),
  );
  await writeFile(path('request.json'), JSON.stringify(request));
  await writeFile(
    path('private.json'),
    JSON.stringify({ ...request, switchyard: { privacy: 'local-only' } }),
  );
  await writeFile(path('too-long.json'), JSON.stringify({ ...request, max_tokens: 9000 }));
  await writeFile(path('bad.json'), '{"model": "auto", "messages": [}');
  await writeFile(
    path('invalid-request.json'),
    JSON.stringify({ model: 'auto', messages: [{ role: 'user' }] }),
  );
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('switchyard route: exit 0', () => {
  test('prints one JSON object with the decision fields', async () => {
    const result = await runCli(['route', '--config', path('switchyard.yaml'), path('request.json')], {
      env,
      options,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual([
      'target',
      'backend',
      'kind',
      'model',
      'quantization',
      'tier',
      'locality',
      'timeoutMs',
      'reasons',
      'fallbacks',
      'requestId',
      'decidedBy',
      'profile',
      'trace',
    ]);
    expect(output).toMatchObject({
      target: 'llama-8b',
      backend: 'ollama',
      kind: 'ollama',
      model: 'llama3.1:8b-instruct-q4_K_M',
      quantization: 'Q4_K_M',
      tier: 1,
      locality: 'local',
      timeoutMs: 45000,
      reasons: ['small-window: fits', 'cheapest-first: local first'],
      fallbacks: [
        {
          target: 'gpt-4o',
          backend: 'openai',
          kind: 'openai',
          model: 'gpt-4o',
          quantization: null,
          tier: 3,
          locality: 'cloud',
          timeoutMs: 60000,
        },
      ],
      decidedBy: null,
    });
    expect(output.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(output.profile.messageCount).toBe(1);
    expect(output.trace.map((entry: { policy: string }) => entry.policy)).toEqual([
      'local-only',
      'small-window',
      'cheapest-first',
    ]);
    expect(result.stdout).not.toContain(secret);
  });

  test('uses the request id the request carries', async () => {
    const result = await runCli(['route', '-c', path('switchyard.yaml'), '-'], {
      env,
      options,
      stdin: JSON.stringify({ ...request, switchyard: { requestId: 'req-42' } }),
    });
    expect(JSON.parse(result.stdout).requestId).toBe('req-42');
  });

  test.each([
    ['- reads stdin', ['-']],
    ['no argument reads stdin when it is not a terminal', []],
  ])('%s', async (_name, argument) => {
    const result = await runCli(['route', '--config', path('switchyard.yaml'), ...argument], {
      env,
      options,
      stdin: JSON.stringify({ ...request, switchyard: { privacy: 'local-only' } }),
    });
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.target).toBe('llama-8b');
    expect(output.fallbacks).toEqual([]);
  });

  test.each([
    ['./switchyard.yaml in the working directory', {}],
    ['$SWITCHYARD_CONFIG', { SWITCHYARD_CONFIG: 'switchyard.yaml' }],
  ])('finds the config from %s', async (_name, extraEnv) => {
    const result = await runCli(['route', 'request.json'], {
      env: { ...env, ...extraEnv },
      cwd: directory,
      options,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).target).toBe('llama-8b');
  });

  test('--explain prints the profile, each policy and the route', async () => {
    const result = await runCli(
      ['route', '--config', path('switchyard.yaml'), path('private.json'), '--explain'],
      {
        env,
        options,
      },
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^Request [0-9a-f-]{36} {2}model "auto"$/);
    expect(result.stdout).toContain('\nProfile\n');
    expect(result.stdout).toContain('  privacy     local-only\n');
    expect(result.stdout).toContain('  tools       0 offered, tool-chain depth 0\n');
    expect(lines).toContain('  1.  local-only      ranked  request is local-only');
    expect(lines).toContain('       dropped gpt-4o: cloud target');
    expect(lines).toContain('       remaining llama-8b');
    expect(lines).toContain('  3.  cheapest-first  ranked  local first');
    expect(lines).toContain('Route');
    expect(lines).toContain(
      '  primary  llama-8b  ollama  llama3.1:8b-instruct-q4_K_M  Q4_K_M  tier 1  local  timeout 45 s',
    );
    expect(() => JSON.parse(result.stdout)).toThrow();
  });
});

describe('switchyard route: exit 3 (no route)', () => {
  test('prints the rejections as JSON on stdout', async () => {
    const result = await runCli(['route', '--config', path('switchyard.yaml'), path('too-long.json')], {
      env,
      options,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('');
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({
      error: 'no-route',
      rejections: [
        {
          policy: 'small-window',
          reason: 'asks for more than 4000 output tokens',
          dropped: [
            { target: 'gpt-4o', reason: 'asks for more than 4000 output tokens' },
            { target: 'llama-8b', reason: 'asks for more than 4000 output tokens' },
          ],
        },
      ],
    });
    expect(output.message).toContain('small-window: asks for more than 4000 output tokens');
  });

  test('--explain prints the trace and the rejections', async () => {
    const result = await runCli(
      ['route', '--config', path('switchyard.yaml'), path('too-long.json'), '--explain'],
      { env, options },
    );
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(
      '  2.  small-window  rejected        asks for more than 4000 output tokens\n',
    );
    expect(result.stdout).toContain(
      'No route: nothing can serve this request\n  small-window: asks for more than 4000 output tokens\n',
    );
  });
});

describe('switchyard route: exit 2 (bad input)', () => {
  test.each([
    [
      'an invalid config names each bad field, never a value',
      ['route', '--config', 'invalid.yaml', 'request.json'],
      /^switchyard: invalid config .*invalid\.yaml:\n {2}targets\[0\]\.tier: Invalid option: expected one of 1\|2\|3\n {2}targets\[0\]\.capabilities\.contextWindow: Invalid input: expected number, received string\n$/,
    ],
    [
      'a missing config file',
      ['route', '--config', 'missing.yaml', 'request.json'],
      /^switchyard: config .*missing\.yaml: file not found\n$/,
    ],
    [
      'an unknown policy name lists the known ones',
      ['route', '--config', 'typo.yaml', 'request.json'],
      /^switchyard: invalid config .*typo\.yaml: policies\[1\]: unknown policy "cheapest-frist"; known policies: local-only, small-window, cheapest-first, boom\n$/,
    ],
    [
      'a missing request file',
      ['route', '--config', 'switchyard.yaml', 'nope.json'],
      /^switchyard: request .*nope\.json: file not found\n$/,
    ],
    [
      'bad JSON',
      ['route', '--config', 'switchyard.yaml', 'bad.json'],
      /^switchyard: the request on bad\.json is not valid JSON: /,
    ],
    [
      'an invalid request names the field',
      ['route', '--config', 'switchyard.yaml', 'invalid-request.json'],
      /^switchyard: invalid request: messages\[0\]\.content: Invalid input\n$/,
    ],
    [
      'no request and stdin is a terminal',
      ['route', '--config', 'switchyard.yaml'],
      /^switchyard: no request: pass REQUEST\.json, or pipe the request on stdin/,
    ],
    ['an unknown option', ['route', '--confg', 'x.yaml'], /error: unknown option '--confg'/],
  ])('%s', async (_name, argv, stderr) => {
    const result = await runCli(argv, { env, cwd: directory, options });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(stderr);
    expect(result.stderr).not.toContain(secret);
  });

  test('no config anywhere says what was looked for', async () => {
    const result = await runCli(['route', 'request.json'], { env, cwd: tmpdir(), options });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `switchyard: no config: pass --config FILE or set SWITCHYARD_CONFIG (./switchyard.yaml not found in ${tmpdir()})\n`,
    );
  });

  test('an empty stdin is an error', async () => {
    const result = await runCli(['route', '-c', path('switchyard.yaml'), '-'], {
      env,
      options,
      stdin: '  \n',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('switchyard: the request on stdin is empty\n');
  });
});

describe('switchyard: other exits', () => {
  test('a policy that throws is exit 1 with its message', async () => {
    const result = await runCli(['route', '--config', path('boom.yaml'), path('request.json')], {
      env,
      options,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("switchyard: policy 'boom' failed: policy exploded\n");
  });

  test('--help prints usage and exits 0', async () => {
    const result = await runCli(['route', '--help'], { options });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: switchyard route [options] [request]');
    expect(result.stdout).toContain('--explain');
  });

  test('--version prints the package version', async () => {
    const result = await runCli(['--version'], { options });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  test('an unknown command is a usage error', async () => {
    const result = await runCli(['rout'], { options });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'rout'");
  });
});
