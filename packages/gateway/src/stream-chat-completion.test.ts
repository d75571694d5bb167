import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { ChatCompletionChunk, ChatRequest, Router, RouterStream, StreamResult } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { RequestScope } from './request-scope.js';
import { type StreamTracker, streamChatCompletion } from './stream-chat-completion.js';

/** A response whose socket buffer is "full" until the test says it drained. */
class SlowResponse extends EventEmitter {
  destroyed = false;
  headersSent = false;
  status = 0;
  frames: string[] = [];
  ended = false;
  full = false;
  writeHead(status: number) {
    this.status = status;
    this.headersSent = true;
    return this;
  }
  write(frame: string): boolean {
    this.frames.push(frame);
    return !this.full;
  }
  end(frame?: string) {
    if (frame !== undefined) this.frames.push(frame);
    this.ended = true;
    return this;
  }
}

function chunk(content: string): ChatCompletionChunk {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  };
}

/** A router whose stream yields `count` chunks and counts how many were pulled. */
function countingRouter(count: number): { router: Router; pulled: () => number } {
  let pulled = 0;
  const decision = { requestId: 'r1', target: 't', backend: 'b', reasons: [] };
  const result = Promise.resolve({
    target: { target: 't', backend: 'b' },
    fallbacks: 0,
    retries: 0,
    usage: { inputTokens: 1, outputTokens: count, cachedInputTokens: 0, reasoningTokens: 0 },
    totalUsage: { inputTokens: 1, outputTokens: count, cachedInputTokens: 0, reasoningTokens: 0 },
    timing: { totalMs: 1 },
  } as unknown as StreamResult);
  const stream = {
    requestId: 'r1',
    decision,
    result,
    async *[Symbol.asyncIterator]() {
      for (let index = 0; index < count; index++) {
        pulled += 1;
        yield chunk(`piece ${index}`);
      }
    },
  } as unknown as RouterStream;
  return { router: { stream: () => stream } as unknown as Router, pulled: () => pulled };
}

const untracked: StreamTracker = { watch: () => undefined, unwatch: () => {}, detach: () => {} };
const request: ChatRequest = { model: 'auto', messages: [{ role: 'user', content: 'hi' }], stream: true };

describe('streamChatCompletion', () => {
  it('stops pulling chunks while the client does not read, and resumes on drain', async () => {
    const { router, pulled } = countingRouter(50);
    const response = new SlowResponse();
    response.full = true;
    const scope = new RequestScope('POST', '/v1/chat/completions', 0);
    const done = streamChatCompletion(request, response as unknown as ServerResponse, scope, {
      router,
      streams: untracked,
      redact: (text) => text,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The first content chunk was written (the buffer said "full"), and nothing more was pulled.
    expect(response.frames).toHaveLength(1);
    expect(pulled()).toBe(1);
    response.full = false;
    response.emit('drain');
    await done;
    expect(pulled()).toBe(50);
    expect(response.frames.at(-1)).toBe('data: [DONE]\n\n');
    expect(response.frames).toHaveLength(51);
  });

  it('stops reading the upstream when the client goes away while it is slow', async () => {
    const { router, pulled } = countingRouter(50);
    const response = new SlowResponse();
    response.full = true;
    const scope = new RequestScope('POST', '/v1/chat/completions', 0);
    const done = streamChatCompletion(request, response as unknown as ServerResponse, scope, {
      router,
      streams: untracked,
      redact: (text) => text,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    response.destroyed = true;
    response.emit('close');
    await done;
    expect(pulled()).toBe(1);
    expect(response.ended).toBe(false);
    expect(scope.status).toBe(499);
  });
});
