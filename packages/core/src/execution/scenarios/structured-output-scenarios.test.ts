import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  attemptLines,
  type ScenarioWorld,
  scenarioRequest,
  scenarioRouter,
  startScenarioWorld,
} from './__fixtures__/scenario-world.js';

const schema = {
  type: 'object',
  properties: { topic: { type: 'string' }, day: { enum: ['Monday', 'Tuesday', 'Wednesday'] } },
  required: ['topic', 'day'],
  additionalProperties: false,
} as const;

describe('executor fault scenarios: schema-violating output through real adapters and emulators', () => {
  let world: ScenarioWorld;
  beforeAll(async () => {
    world = await startScenarioWorld();
  });
  afterAll(async () => {
    await world.close();
  });
  beforeEach(() => {
    world.reset();
  });

  it('retries at lower temperatures on the same hop, then escalates to a stronger one that answers validly', async () => {
    world.emulators.ollama.setFault({ type: 'invalid-structured-output', times: 3 });
    const { router, ends, sleeps } = scenarioRouter(world);
    const result = await router.generateObject(scenarioRequest('any'), { schema, name: 'meeting' });

    expect(result.target.target).toBe('local-vllm');
    expect(result.object).toEqual({ topic: '', day: 'Monday' });
    const end = ends[0];
    expect(ends).toHaveLength(1);
    expect(attemptLines(end?.attempts ?? [])).toEqual([
      'local-ollama:rejected:invalid-output',
      'local-ollama:rejected:invalid-output',
      'local-ollama:rejected:invalid-output',
      'local-vllm:ok',
    ]);
    expect(end?.attempts.map((attempt) => attempt.temperature)).toEqual([undefined, 0.2, 0.1, undefined]);
    expect(end?.validationFailures.map((failure) => [failure.target, failure.retry])).toEqual([
      ['local-ollama', 0],
      ['local-ollama', 1],
      ['local-ollama', 2],
    ]);
    for (const failure of end?.validationFailures ?? [])
      expect(failure.errors.join('; ')).toMatch(/\/topic|\/day/);
    expect(end?.escalations.map((escalation) => [escalation.from, escalation.to, escalation.reason])).toEqual(
      [['local-ollama', 'local-vllm', 'invalid-output']],
    );
    expect(end?.fallbacks).toEqual([]);
    expect(end?.retries).toBe(2);
    expect(sleeps).toEqual([]);
    // Rejected answers still cost tokens: total usage counts all four calls.
    expect(end?.totalUsage.outputTokens).toBeGreaterThan(end?.usage?.outputTokens ?? 0);
    expect(world.chatCounts()).toEqual({ ollama: 3, vllm: 1, openai: 0, anthropic: 0 });
  });
});
