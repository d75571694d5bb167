import { describe, expect, it } from 'vitest';
import type { ChatCompletion } from '../spec/chat-completion.js';
import { callOrder, fakeTarget, testSetup, userRequest } from './__fixtures__/test-router.js';
import { emptyAnswerGate } from './empty-answer-gate.js';
import { runQualityGates } from './quality-gate.js';
import { refusalGate } from './refusal-gate.js';
import { uncertaintyGate } from './uncertainty-gate.js';

function completion(
  content: string | null,
  extra: {
    refusal?: string;
    finish?: ChatCompletion['choices'][number]['finish_reason'];
    toolCall?: boolean;
  } = {},
): ChatCompletion {
  return {
    id: 'c',
    object: 'chat.completion',
    created: 0,
    model: 'm',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          ...(extra.refusal === undefined ? {} : { refusal: extra.refusal }),
          ...(extra.toolCall
            ? {
                tool_calls: [
                  { id: 't', type: 'function' as const, function: { name: 'f', arguments: '{}' } },
                ],
              }
            : {}),
        },
        finish_reason: extra.finish ?? 'stop',
      },
    ],
  };
}

const request = userRequest();

describe('built-in quality gates', () => {
  it.each([
    { name: 'empty answer fails', gate: emptyAnswerGate(), answer: completion('  '), reason: 'empty answer' },
    { name: 'null content fails', gate: emptyAnswerGate(), answer: completion(null), reason: 'empty answer' },
    {
      name: 'a tool call is not empty',
      gate: emptyAnswerGate(),
      answer: completion(null, { toolCall: true }),
      reason: undefined,
    },
    {
      name: 'below minLength fails',
      gate: emptyAnswerGate({ minLength: 10 }),
      answer: completion('Paris'),
      reason: 'answer of 5 characters, below 10',
    },
    { name: 'a real answer passes', gate: emptyAnswerGate(), answer: completion('Paris'), reason: undefined },
    {
      name: 'a hedge fails',
      gate: uncertaintyGate(),
      answer: completion('Honestly, I don’t know the answer.'),
      reason: `the answer hedges ("I don't know")`,
    },
    {
      name: '"as an AI" fails',
      gate: uncertaintyGate(),
      answer: completion('As an AI language model, I cannot browse.'),
      reason: 'the answer hedges ("as an AI")',
    },
    {
      name: 'a hedge deep in a long answer passes',
      gate: uncertaintyGate(),
      answer: completion(`${'Paris is the capital. '.repeat(20)}Some say "I'm not sure" too.`),
      reason: undefined,
    },
    {
      name: 'a confident answer passes',
      gate: uncertaintyGate(),
      answer: completion('Paris.'),
      reason: undefined,
    },
    {
      name: 'a refusal field fails',
      gate: refusalGate(),
      answer: completion(null, { refusal: 'I cannot help with that.' }),
      reason: 'the model refused',
    },
    {
      name: 'a content filter finish fails',
      gate: refusalGate(),
      answer: completion('', { finish: 'content_filter' }),
      reason: 'the answer was stopped by a content filter',
    },
    {
      name: 'a refusal phrase fails',
      gate: refusalGate(),
      answer: completion("I'm sorry, but I can't assist with that request."),
      reason: `the answer is a refusal ("I'm sorry, but I can't")`,
    },
    {
      name: 'a normal answer passes',
      gate: refusalGate(),
      answer: completion('Sure: Paris.'),
      reason: undefined,
    },
  ])('$name', ({ gate, answer, reason }) => {
    const result = gate.check(answer, request);
    expect(result.ok ? undefined : result.reason).toBe(reason);
  });

  it('treats a throwing gate as failing', () => {
    const failure = runQualityGates(
      [
        {
          name: 'broken',
          check: () => {
            throw new Error('boom');
          },
        },
      ],
      completion('x'),
      request,
    );
    expect(failure).toEqual({ gate: 'broken', reason: 'the gate threw: boom' });
  });
});

describe('quality gates in the executor', () => {
  const small = fakeTarget({ id: 'small', tier: 1 });
  const peer = fakeTarget({ id: 'peer', tier: 1 });
  const large = fakeTarget({ id: 'large', tier: 2 });

  it('escalates to the next higher tier when a gate fails', async () => {
    const setup = testSetup(
      [small, peer, large],
      {
        small: [{ type: 'answer', content: "I'm not sure." }],
        large: [{ type: 'answer', content: 'Paris.' }],
      },
      { qualityGates: [uncertaintyGate()] },
    );
    const result = await setup.router.generate(userRequest());
    expect(result.completion.choices[0]?.message.content).toBe('Paris.');
    expect(callOrder(setup)).toEqual(['small', 'large']);
    expect(result.escalations).toBe(1);
    expect(result.attempts[0]).toMatchObject({
      status: 'rejected',
      rejection: { by: 'quality-gate', gate: 'uncertainty', reason: 'the answer hedges ("I\'m not sure")' },
    });
    const escalation = setup.events.find((event) => event.name === 'escalation')?.payload;
    expect(escalation).toMatchObject({ from: 'small', to: 'large', reason: 'quality-gate' });
  });

  it('returns the last answer with a warning when no higher tier is left', async () => {
    const setup = testSetup(
      [small, peer],
      { small: [{ type: 'answer', content: '' }] },
      {
        qualityGates: [emptyAnswerGate()],
      },
    );
    const result = await setup.router.generate(userRequest());
    expect(callOrder(setup)).toEqual(['small']);
    expect(result.target.target).toBe('small');
    expect(result.warnings).toEqual([
      "quality gate 'empty-answer' failed on 'small' (empty answer) and no stronger target gave a better answer; returning its answer",
    ]);
  });

  it('returns the held answer when the stronger tier fails', async () => {
    const setup = testSetup(
      [small, large],
      { small: [{ type: 'answer', content: '' }], large: [{ type: 'error', code: 'quota-exhausted' }] },
      { qualityGates: [emptyAnswerGate()] },
    );
    const result = await setup.router.generate(userRequest());
    expect(result.target.target).toBe('small');
    expect(result.warnings).toHaveLength(1);
  });

  it('throws instead when configured to', async () => {
    const setup = testSetup(
      [small],
      { small: [{ type: 'answer', content: '' }] },
      {
        qualityGates: [emptyAnswerGate()],
        execution: { onQualityGateFailure: 'throw' },
      },
    );
    await expect(setup.router.generate(userRequest())).rejects.toMatchObject({
      code: 'invalid-output',
      message: expect.stringContaining("quality gate 'empty-answer' failed on 'small'"),
    });
  });
});
