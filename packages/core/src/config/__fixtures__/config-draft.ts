import { InvalidConfigError } from '../../errors/invalid-config-error.js';
import { parseConfig } from '../parse-config.js';

/** A small valid config; tests override parts of it. */
export function baseConfig(): Record<string, unknown> {
  return {
    backends: {
      ollama: { kind: 'ollama' },
      openai: { kind: 'openai' },
    },
    targets: [
      {
        id: 'llama3.1-8b',
        backend: 'ollama',
        model: 'llama3.1:8b-instruct-q4_K_M',
        quantization: 'Q4_K_M',
        capabilities: { contextWindow: 131072, tools: true, structuredOutput: 'native' },
      },
      {
        id: 'gpt-4o',
        backend: 'openai',
        model: 'gpt-4o',
        capabilities: { contextWindow: 128000 },
        price: { perToken: { input: 2.5, output: 10, cachedInput: 1.25 } },
      },
    ],
  };
}

/** The issues `parseConfig` reports for a config that must be rejected. */
export function issuesOf(input: string | object, env: Record<string, string> = {}): readonly string[] {
  try {
    parseConfig(input, { env });
  } catch (error) {
    if (InvalidConfigError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

/** The object at `path` inside a config draft, for tests that break one field. */
export function at(value: unknown, ...path: (string | number)[]): Record<string, unknown> {
  let current = value;
  for (const key of path) current = (current as Record<string | number, unknown>)[key];
  return current as Record<string, unknown>;
}

/** Freezes a test input all the way down, so any mutation by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
