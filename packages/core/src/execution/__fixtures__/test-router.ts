import { createRouter, type Router, type RouterOptions } from '../../engine/create-router.js';
import type { ChatRequest } from '../../request/chat-request-schema.js';
import type { RouterEvents } from '../../spec/router-events.js';
import type { Target, TargetCapabilities } from '../../spec/target.js';
import { createFakeBackend, type FakeBackend, type FakeStep } from './fake-backend.js';

/** Target fields a test may override; capabilities merge over the defaults. */
export type FakeTargetOverrides = Partial<Omit<Target, 'capabilities'>> & {
  readonly id: string;
  readonly capabilities?: Partial<TargetCapabilities>;
};

/**
 * A local tier-1 target with a 32k window whose backend id is its own id, unless overridden.
 *
 * @example
 * const cloud = fakeTarget({ id: 'cloud', locality: 'cloud', tier: 3 });
 */
export function fakeTarget(overrides: FakeTargetOverrides): Target {
  const { capabilities, ...rest } = overrides;
  return {
    backend: rest.id,
    kind: 'openai-compatible',
    model: `${rest.id}-model`,
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

/** A router over fake backends, with what the test needs to look at. */
export type TestSetup = {
  readonly router: Router;
  /** The fake backend of each target, by target id. */
  readonly backends: Record<string, FakeBackend>;
  /** Every delay the executor slept, in order. */
  readonly sleeps: number[];
  /** Every event emitted, in order. */
  readonly events: { name: keyof RouterEvents; payload: unknown }[];
};

/**
 * Builds a router whose targets run in the given order (no policies unless given) on fake
 * backends playing `scripts` (by target id); sleeps are recorded and skipped; random is 0.5.
 *
 * @example
 * const { router, backends } = testSetup([local, cloud], { local: [{ type: 'error', code: 'overloaded' }] });
 */
export function testSetup(
  targets: readonly Target[],
  scripts: Record<string, readonly FakeStep[]> = {},
  options: Partial<RouterOptions> = {},
): TestSetup {
  const backends: Record<string, FakeBackend> = {};
  for (const target of targets)
    backends[target.backend] ??= createFakeBackend(target.backend, scripts[target.id]);
  const sleeps: number[] = [];
  const router = createRouter({
    targets,
    policies: [],
    maxFallbacks: 10,
    backends,
    random: () => 0.5,
    ...options,
    execution: {
      sleep: async (milliseconds) => {
        sleeps.push(milliseconds);
      },
      ...options.execution,
    },
  });
  const events: TestSetup['events'] = [];
  const names: (keyof RouterEvents)[] = [
    'attempt-start',
    'attempt-end',
    'retry',
    'fallback',
    'escalation',
    'request-end',
  ];
  for (const name of names) router.events.on(name, (payload: unknown) => events.push({ name, payload }));
  return { router, backends, sleeps, events };
}

/** A one-message user request. */
export function userRequest(content = 'Hello', extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'auto', messages: [{ role: 'user', content }], ...extra };
}

/** The ids of the backends called, in call order across all fakes. */
export function callOrder(setup: TestSetup): string[] {
  return setup.events
    .filter((event) => event.name === 'attempt-start')
    .map((event) => (event.payload as { target: string }).target);
}
