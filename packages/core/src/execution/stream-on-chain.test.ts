import { describe, expect, it } from 'vitest';
import { ExecutionError } from '../errors/execution-error.js';
import { NoRouteError } from '../errors/no-route-error.js';
import type { ChatCompletionChunk } from '../spec/chat-completion.js';
import type { RequestEndEvent } from '../spec/router-events.js';
import { callOrder, fakeTarget, testSetup, userRequest } from './__fixtures__/test-router.js';
import type { RouterStream } from './execution-result.js';

const primary = fakeTarget({ id: 'primary' });
const secondary = fakeTarget({ id: 'secondary' });

function textOf(chunks: readonly ChatCompletionChunk[]): string {
  return chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
}

async function drain(stream: RouterStream): Promise<{ chunks: ChatCompletionChunk[]; error: unknown }> {
  const chunks: ChatCompletionChunk[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks, error: undefined };
  } catch (error) {
    return { chunks, error };
  }
}

function requestEnds(setup: ReturnType<typeof testSetup>): RequestEndEvent[] {
  return setup.events
    .filter((event) => event.name === 'request-end')
    .map((event) => event.payload as RequestEndEvent);
}

describe('router.stream', () => {
  it('streams the primary’s chunks and reports usage and the target in result', async () => {
    const setup = testSetup([primary, secondary], {
      primary: [{ type: 'answer', pieces: ['Hel', 'lo', '!'], usage: { outputTokens: 3 } }],
    });
    const stream = setup.router.stream(userRequest());
    expect(stream.decision.target).toBe('primary');
    const { chunks, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(textOf(chunks)).toBe('Hello!');
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    const result = await stream.result;
    expect(result.target.target).toBe('primary');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.outputTokens).toBe(3);
    expect(result.attempts).toMatchObject([{ target: 'primary', status: 'ok', stream: true }]);
    expect(result.attempts[0]?.ttftMs).toBeGreaterThanOrEqual(0);
    expect(result.timing.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
  });

  it('sends nothing before the first read', async () => {
    const setup = testSetup([primary]);
    const stream = setup.router.stream(userRequest());
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(setup.backends.primary?.calls).toHaveLength(0);
    await drain(stream);
    expect(setup.backends.primary?.calls).toHaveLength(1);
  });

  it('fails over when the error comes before the first chunk', async () => {
    const setup = testSetup([primary, secondary], {
      primary: [{ type: 'error', code: 'quota-exhausted' }],
      secondary: [{ type: 'answer', pieces: ['from ', 'secondary'] }],
    });
    const stream = setup.router.stream(userRequest());
    const { chunks, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(textOf(chunks)).toBe('from secondary');
    expect((await stream.result).target.target).toBe('secondary');
    expect(callOrder(setup)).toEqual(['primary', 'secondary']);
  });

  it('fails over when the stream breaks after a role-only chunk (no content reached the caller)', async () => {
    const setup = testSetup([primary, secondary], {
      primary: [{ type: 'stream-error', pieces: [], code: 'quota-exhausted' }],
      secondary: [{ type: 'answer', pieces: ['ok'] }],
    });
    const stream = setup.router.stream(userRequest());
    const { chunks, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(textOf(chunks)).toBe('ok');
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.role === 'assistant')).toHaveLength(1);
  });

  it('throws from the iterator, never fails over, when the stream breaks after content reached the caller', async () => {
    const setup = testSetup([primary, secondary], {
      primary: [{ type: 'stream-error', pieces: ['partial ', 'answer'], code: 'network' }],
    });
    const stream = setup.router.stream(userRequest());
    const { chunks, error } = await drain(stream);
    expect(textOf(chunks)).toBe('partial answer');
    expect(ExecutionError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'network', failure: 'stream-failed' });
    await expect(stream.result).rejects.toBe(error);
    expect(setup.backends.secondary?.calls).toHaveLength(0);
    expect(setup.backends.primary?.calls).toHaveLength(1);
    expect(requestEnds(setup)).toHaveLength(1);
    expect(requestEnds(setup)[0]).toMatchObject({ outcome: 'error', error: { code: 'network' } });
  });

  it('fails over when the first token does not come within the first-token timeout', async () => {
    const sluggish = fakeTarget({ id: 'sluggish', firstTokenTimeoutMs: 30, timeoutMs: 5_000 });
    const setup = testSetup([sluggish, secondary], {
      sluggish: [{ type: 'answer', pieces: ['late'], delayMs: 2_000 }],
    });
    const stream = setup.router.stream(userRequest());
    const { chunks, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(textOf(chunks)).toBe('answer from secondary');
    const result = await stream.result;
    expect(result.attempts[0]).toMatchObject({ target: 'sluggish', status: 'error', errorCode: 'timeout' });
    expect(result.attempts[0]?.errorMessage).toBe("target 'sluggish' sent no first token within 30 ms");
    expect(setup.backends.sluggish?.calls).toHaveLength(1);
  });

  it('keeps the total timeout running after the first token', async () => {
    const dripping = fakeTarget({ id: 'dripping', timeoutMs: 150, firstTokenTimeoutMs: 120 });
    const setup = testSetup([dripping, secondary], {
      dripping: [{ type: 'answer', pieces: ['a', 'b', 'c', 'd', 'e', 'f'], pieceDelayMs: 50 }],
    });
    const stream = setup.router.stream(userRequest());
    const { chunks, error } = await drain(stream);
    expect(textOf(chunks).length).toBeGreaterThan(0);
    expect(error).toMatchObject({ code: 'timeout', failure: 'stream-failed' });
    expect(setup.backends.secondary?.calls).toHaveLength(0);
  });

  it('stops on the caller abort mid-stream: aborted, slot released, backend stream closed', async () => {
    const limited = fakeTarget({ id: 'limited', maxConcurrency: 1 });
    const setup = testSetup(
      [limited, secondary],
      { limited: [{ type: 'answer', pieces: ['a', 'b', 'c'], pieceDelayMs: 30 }] },
      { execution: { queueLimit: 0 } },
    );
    const controller = new AbortController();
    const stream = setup.router.stream(userRequest(), { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    controller.abort();
    await expect(iterator.next()).rejects.toMatchObject({ code: 'aborted', failure: 'aborted' });
    await expect(stream.result).rejects.toMatchObject({ code: 'aborted' });
    expect(setup.backends.secondary?.calls).toHaveLength(0);
    // The slot is free again: with a queue of 0 a held slot would spill to `secondary`.
    const again = setup.router.stream(userRequest());
    expect((await drain(again)).error).toBeUndefined();
    expect((await again.result).target.target).toBe('limited');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(setup.backends.limited?.closedStreams).toBe(1);
  });

  it('releases the slot and closes the backend stream when the reader stops early', async () => {
    const limited = fakeTarget({ id: 'limited', maxConcurrency: 1 });
    const setup = testSetup(
      [limited, secondary],
      { limited: [{ type: 'answer', pieces: ['one', 'two', 'three'] }] },
      { execution: { queueLimit: 0 } },
    );
    const stream = setup.router.stream(userRequest());
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content === 'one') break;
    }
    await expect(stream.result).rejects.toMatchObject({ code: 'aborted', failure: 'aborted' });
    expect(setup.backends.limited?.closedStreams).toBe(1);
    expect(setup.backends.limited?.inFlight).toBe(0);
    const ends = requestEnds(setup);
    expect(ends).toHaveLength(1);
    expect(ends[0]?.attempts).toMatchObject([{ target: 'limited', status: 'error', errorCode: 'aborted' }]);
    // The slot came back: with a queue of 0 a held slot would spill to `secondary`.
    const next = setup.router.stream(userRequest());
    await drain(next);
    expect((await next.result).target.target).toBe('limited');
  });

  it('settles result when the stream is closed before it is read', async () => {
    const setup = testSetup([primary]);
    const stream = setup.router.stream(userRequest());
    await stream[Symbol.asyncIterator]().return?.();
    await expect(stream.result).rejects.toMatchObject({ code: 'aborted' });
    expect(setup.backends.primary?.calls).toHaveLength(0);
    expect(requestEnds(setup)).toHaveLength(1);
  });

  it('settles result when the caller aborts before reading', async () => {
    const setup = testSetup([primary]);
    const controller = new AbortController();
    const stream = setup.router.stream(userRequest(), { signal: controller.signal });
    controller.abort();
    await expect(stream.result).rejects.toMatchObject({ code: 'aborted' });
    const { error } = await drain(stream);
    expect(error).toMatchObject({ code: 'aborted' });
    expect(setup.backends.primary?.calls).toHaveLength(0);
    expect(requestEnds(setup)).toHaveLength(1);
  });

  it('can be iterated only once', async () => {
    const setup = testSetup([primary]);
    const stream = setup.router.stream(userRequest());
    await drain(stream);
    expect(() => stream[Symbol.asyncIterator]()).toThrow('a router stream can be iterated only once');
  });

  it('throws routing errors at once', () => {
    const setup = testSetup(
      [primary],
      {},
      {
        policies: [
          { specificationVersion: 'v1', name: 'nothing', decide: () => ({ type: 'rejected', reason: 'no' }) },
        ],
      },
    );
    expect(() => setup.router.stream(userRequest())).toThrow(NoRouteError);
  });

  it('rejects the first read with an ExecutionError when every hop fails before output', async () => {
    const setup = testSetup([primary, secondary], {
      primary: [{ type: 'error', code: 'model-not-found' }],
      secondary: [{ type: 'error', code: 'quota-exhausted' }],
    });
    const stream = setup.router.stream(userRequest());
    const iterator = stream[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toMatchObject({ code: 'quota-exhausted', failure: 'exhausted' });
    await expect(stream.result).rejects.toMatchObject({ code: 'quota-exhausted' });
  });
});
