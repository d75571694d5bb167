import type { Target, TargetCapabilities } from '@switchyard/core';

/** Target fields a test may override; capabilities merge over the defaults. */
export type TestTargetOverrides = Partial<Omit<Target, 'capabilities'>> & {
  readonly id: string;
  readonly capabilities?: Partial<TargetCapabilities>;
};

/**
 * A target for tests: a local tier-1 ollama model with a 32k window, tools, native structured
 * output and no vision, unless overridden.
 *
 * @example
 * const cloud = testTarget({ id: 'gpt-4o', locality: 'cloud', tier: 3 });
 */
export function testTarget(overrides: TestTargetOverrides): Target {
  const { capabilities, ...rest } = overrides;
  return {
    backend: 'test-backend',
    kind: 'ollama',
    model: rest.id,
    quantization: null,
    tier: 1,
    locality: 'local',
    ...rest,
    capabilities: {
      contextWindow: 32_768,
      tools: true,
      structuredOutput: 'native',
      vision: false,
      ...capabilities,
    },
  };
}
