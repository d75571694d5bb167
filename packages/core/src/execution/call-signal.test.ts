import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk } from '../spec/chat-completion.js';
import { createCallSignal } from './call-signal.js';
import { carriesContent } from './carries-content.js';
import { raceSignal, SignalAbortedError } from './race-signal.js';

const wait = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe('createCallSignal', () => {
  it('aborts on the total timeout and says so', async () => {
    const call = createCallSignal({ timeoutMs: 10 });
    await wait(30);
    expect(call.signal.aborted).toBe(true);
    expect(call.abortReason()).toBe('timeout');
  });

  it('aborts on the first-token timeout unless the first token arrived', async () => {
    const late = createCallSignal({ timeoutMs: 1_000, firstTokenTimeoutMs: 10 });
    const onTime = createCallSignal({ timeoutMs: 1_000, firstTokenTimeoutMs: 10 });
    onTime.firstTokenArrived();
    await wait(30);
    expect(late.abortReason()).toBe('first-token-timeout');
    expect(onTime.signal.aborted).toBe(false);
    onTime.dispose();
  });

  it('follows the caller, before and after creation', () => {
    const controller = new AbortController();
    const call = createCallSignal({ caller: controller.signal, timeoutMs: 1_000 });
    controller.abort();
    expect(call.abortReason()).toBe('caller');
    const already = createCallSignal({ caller: controller.signal, timeoutMs: 1_000 });
    expect(already.abortReason()).toBe('caller');
  });

  it('stops listening once disposed', async () => {
    const controller = new AbortController();
    const call = createCallSignal({ caller: controller.signal, timeoutMs: 10 });
    call.dispose();
    controller.abort();
    await wait(30);
    expect(call.signal.aborted).toBe(false);
  });
});

describe('raceSignal', () => {
  it('rejects when the signal wins and hands the late value over', async () => {
    const controller = new AbortController();
    let late: string | undefined;
    let resolveLate!: (value: string) => void;
    const pending = raceSignal(
      new Promise<string>((resolve) => {
        resolveLate = resolve;
      }),
      controller.signal,
      (value) => {
        late = value;
      },
    );
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(SignalAbortedError);
    resolveLate('stream');
    await wait(0);
    expect(late).toBe('stream');
  });

  it('swallows a late rejection (no unhandled rejection)', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(raceSignal(Promise.reject(new Error('late')), controller.signal)).rejects.toBeInstanceOf(
      SignalAbortedError,
    );
  });
});

function chunk(
  delta: ChatCompletionChunk['choices'][number]['delta'],
  finish: 'stop' | null = null,
): ChatCompletionChunk {
  return {
    id: 'c',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
}

describe('carriesContent', () => {
  it.each([
    { name: 'role-only', value: chunk({ role: 'assistant', content: '' }), expected: false },
    { name: 'text', value: chunk({ content: 'Hi' }), expected: true },
    { name: 'reasoning', value: chunk({ reasoning: 'hmm' }), expected: true },
    {
      name: 'tool call fragment',
      value: chunk({ tool_calls: [{ index: 0, function: { name: 'f' } }] }),
      expected: true,
    },
    { name: 'finish only', value: chunk({}, 'stop'), expected: true },
  ])('$name → $expected', ({ value, expected }) => {
    expect(carriesContent(value)).toBe(expected);
  });
});
