// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template
import { describe, expect, test } from 'vitest';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { at, baseConfig, issuesOf } from './__fixtures__/config-draft.js';
import { parseConfig } from './parse-config.js';

describe('parseConfig: errors name the path of each bad field', () => {
  test.each<[string, (input: Record<string, unknown>) => void, string[]]>([
    [
      'wrong type',
      (input) => {
        at(input, 'targets', 1, 'capabilities').contextWindow = '128k';
      },
      ['targets[1].capabilities.contextWindow: Invalid input: expected number, received string'],
    ],
    [
      'missing required field',
      (input) => {
        delete at(input, 'targets', 0).model;
      },
      ['targets[0].model: required field is missing (expected string)'],
    ],
    [
      'misspelt field',
      (input) => {
        at(input, 'targets', 0).capabilites = {};
      },
      ['targets[0]: unknown field "capabilites"'],
    ],
    [
      'unknown backend kind',
      (input) => {
        at(input, 'backends', 'ollama').kind = 'olama';
      },
      [
        "backends.ollama.kind: Invalid discriminator value. Expected 'ollama' | 'llamacpp' | 'vllm' | 'tgi' | 'openai' | 'openrouter' | 'anthropic' | 'openai-compatible' | 'embedded'",
      ],
    ],
    [
      'missing kind',
      (input) => {
        delete at(input, 'backends', 'ollama').kind;
      },
      ['backends.ollama.kind: required field is missing'],
    ],
    [
      'openai-compatible without baseUrl',
      (input) => {
        at(input, 'backends').ollama = { kind: 'openai-compatible' };
      },
      ['backends.ollama.baseUrl: required field is missing (expected string)'],
    ],
    [
      'embedded without modelPath',
      (input) => {
        at(input, 'backends').ollama = { kind: 'embedded' };
      },
      ['backends.ollama.modelPath: required field is missing (expected string)'],
    ],
    [
      'base URL without scheme',
      (input) => {
        at(input, 'backends', 'ollama').baseUrl = '127.0.0.1:11434';
      },
      ['backends.ollama.baseUrl: must be an http(s) URL, e.g. http://127.0.0.1:8080'],
    ],
    [
      'tier out of range',
      (input) => {
        at(input, 'targets', 0).tier = 4;
      },
      ['targets[0].tier: Invalid option: expected one of 1|2|3'],
    ],
    [
      'both price kinds',
      (input) => {
        at(input, 'targets', 1, 'price').gpuHourly = { usdPerHour: 1 };
      },
      ['targets[1].price: give exactly one of perToken or gpuHourly'],
    ],
    [
      'bad hop',
      (input) => {
        input.routes = { aliases: { 'local/x': { primary: 'gpt-4o', fallbacks: [42] } } };
      },
      ['routes.aliases.local/x.fallbacks[0]: expected a target id or { target, model?, timeoutMs? }'],
    ],
    [
      'bad hop field',
      (input) => {
        input.routes = { aliases: { 'local/x': { primary: { target: 'gpt-4o', timeoutMs: -1 } } } };
      },
      ['routes.aliases.local/x.primary.timeoutMs: Too small: expected number to be >0'],
    ],
    [
      'lone * premium pattern',
      (input) => {
        input.routes = { premium: ['*'] };
      },
      ['routes.premium[0]: must be a model name, optionally ending in * (e.g. anthropic/*)'],
    ],
    [
      'no targets',
      (input) => {
        input.targets = [];
      },
      ['targets: list at least one target'],
    ],
    [
      'policy entry of the wrong shape',
      (input) => {
        input.policies = ['privacy', 7];
      },
      ['policies[1]: expected a policy name or { name, options }'],
    ],
  ])('%s', (_name, change, expected) => {
    const input = baseConfig();
    change(input);
    expect(issuesOf(input)).toEqual(expected);
  });

  test.each<[string, (input: Record<string, unknown>) => void, string[]]>([
    [
      'unknown backend',
      (input) => {
        at(input, 'targets', 1).backend = 'opena1';
      },
      ['targets[1].backend: unknown backend; defined backends: ollama, openai'],
    ],
    [
      'duplicate target id',
      (input) => {
        at(input, 'targets', 1).id = 'llama3.1-8b';
      },
      ['targets[1].id: duplicate target id (already used by targets[0])'],
    ],
    [
      'route hop to an unknown target',
      (input) => {
        input.routes = {
          aliases: { 'local/x': { primary: 'llama3.1-8b', fallbacks: [{ target: 'gpt4o' }] } },
        };
      },
      ['routes.aliases.local/x.fallbacks[0].target: unknown target; defined targets: llama3.1-8b, gpt-4o'],
    ],
    [
      'repeated hop',
      (input) => {
        input.routes = { aliases: { 'local/x': { primary: 'gpt-4o', fallbacks: ['gpt-4o'] } } };
      },
      ['routes.aliases.local/x.fallbacks[0]: repeats an earlier hop of this alias'],
    ],
    [
      'cloud vendor target declared local',
      (input) => {
        at(input, 'targets', 1).locality = 'local';
      },
      [
        'targets[1].locality: targets of a backend of kind openai run in the cloud; use kind openai-compatible for a self-hosted OpenAI-style server',
      ],
    ],
    [
      'cloud vendor backend declared local',
      (input) => {
        at(input, 'backends').openai = { kind: 'openai', locality: 'local' };
      },
      [
        'backends.openai.locality: targets of a backend of kind openai run in the cloud; use kind openai-compatible for a self-hosted OpenAI-style server',
      ],
    ],
    [
      'output cap above the window',
      (input) => {
        at(input, 'targets', 0, 'capabilities').maxOutputTokens = 200000;
      },
      ['targets[0].capabilities.maxOutputTokens: must not exceed capabilities.contextWindow'],
    ],
    [
      'first-token timeout above the total timeout',
      (input) => {
        at(input, 'targets', 0).timeoutMs = 10000;
        at(input, 'targets', 0).firstTokenTimeoutMs = 20000;
      },
      ["targets[0].firstTokenTimeoutMs: must not exceed the target's timeoutMs"],
    ],
    [
      'both apiKey and apiKeyEnv',
      (input) => {
        at(input, 'backends').openai = { kind: 'openai', apiKey: 'x', apiKeyEnv: 'OPENAI_API_KEY' };
      },
      ['backends.openai.apiKey: give apiKey or apiKeyEnv, not both'],
    ],
    [
      'unknown baseline target',
      (input) => {
        input.metering = { baselineTarget: 'gpt-5' };
      },
      ['metering.baselineTarget: unknown target; defined targets: llama3.1-8b, gpt-4o'],
    ],
    [
      'both a baseline target and a baseline price',
      (input) => {
        input.metering = { baselineTarget: 'gpt-4o', baselinePrice: { input: 2.5, output: 10 } };
      },
      ['metering: give at most one of baselineTarget or baselinePrice'],
    ],
    [
      'policy listed twice',
      (input) => {
        input.policies = ['privacy', 'cost', { name: 'privacy' }];
      },
      ['policies[2]: policy privacy is listed twice (also policies[0])'],
    ],
  ])('cross-field: %s', (_name, change, expected) => {
    const input = baseConfig();
    change(input);
    expect(issuesOf(input)).toEqual(expected);
  });

  test('reports every problem at once, and the message lists them with the source', () => {
    const input = baseConfig();
    at(input, 'targets', 0, 'capabilities').contextWindow = 'big';
    at(input, 'targets', 1).tier = 0;
    let error: unknown;
    try {
      parseConfig(input, { env: {}, source: 'switchyard.yaml' });
    } catch (caught) {
      error = caught;
    }
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    const invalid = error as InvalidConfigError;
    expect(invalid.issues).toHaveLength(2);
    expect(invalid.source).toBe('switchyard.yaml');
    expect(invalid.message).toBe(`invalid config switchyard.yaml: ${invalid.issues.join('; ')}`);
  });

  test('a missing variable is an error naming the variable and the field', () => {
    const input = {
      ...baseConfig(),
      backends: { ollama: { kind: 'ollama' }, openai: { kind: 'openai', apiKey: '${OPENAI_KEY}' } },
    };
    expect(issuesOf(input)).toEqual([
      'backends.openai.apiKey: environment variable OPENAI_KEY is not set (or use ${OPENAI_KEY:-default})',
    ]);
  });

  test('never echoes a value, even an interpolated secret in a bad field', () => {
    const secret = 'sk-proj-very-secret-value';
    const input = baseConfig();
    at(input, 'backends', 'openai').baseUrl = '${OPENAI_KEY}';
    at(input, 'targets', 0).quantization = '${OPENAI_KEY}';
    at(input, 'targets', 1).tier = '${OPENAI_KEY}';
    at(input, 'targets', 1).backend = '${OPENAI_KEY}';
    let message = '';
    try {
      parseConfig(input, { env: { OPENAI_KEY: secret } });
    } catch (error) {
      message = `${(error as Error).message}\n${(error as InvalidConfigError).issues.join('\n')}`;
    }
    expect(message).toContain('backends.openai.baseUrl');
    expect(message).toContain('targets[1].tier');
    expect(message).not.toContain('very-secret');
  });

  test.each([
    ['empty text', '', '(root): the config is empty'],
    ['a list', '- a\n- b\n', '(root): the config must be a mapping of sections (backends, targets, …)'],
    ['a scalar', 'hello', '(root): the config must be a mapping of sections (backends, targets, …)'],
  ])('rejects %s', (_name, text, issue) => {
    expect(issuesOf(text)).toEqual([issue]);
  });
});
