import type { BackendKind } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { matchServedModel } from './match-served-model.js';

const listed = (...ids: string[]) => ids.map((id) => ({ id }));

describe('matchServedModel', () => {
  it.each<[BackendKind, string, { id: string }[] | undefined, string, string?]>([
    ['ollama', 'llama3.1:8b', listed('qwen2.5:7b', 'llama3.1:8b'), 'listed', 'llama3.1:8b'],
    ['ollama', 'llama3.1', listed('llama3.1:latest'), 'listed', 'llama3.1:latest'],
    ['ollama', 'llama3.1:latest', listed('llama3.1'), 'listed', 'llama3.1'],
    ['ollama', 'llama3.1:70b', listed('llama3.1:8b'), 'missing'],
    ['vllm', 'Qwen/Qwen2.5-7B', listed('Qwen/Qwen2.5-14B'), 'missing'],
    ['embedded', 'tiny-chatml', listed('tiny-chatml.gguf'), 'listed', 'tiny-chatml.gguf'],
    ['llamacpp', 'anything', listed('qwen2.5-14b-q4_k_m.gguf'), 'served', 'qwen2.5-14b-q4_k_m.gguf'],
    ['tgi', 'tgi', listed('meta-llama/Llama-3.1-8B-Instruct'), 'served', 'meta-llama/Llama-3.1-8B-Instruct'],
    ['llamacpp', 'c', listed('a', 'b'), 'not-listed'],
    ['anthropic', 'claude-sonnet-4-5', listed('claude-sonnet-4-5-20250929'), 'not-listed'],
    ['openai', 'gpt-4o', listed('gpt-4o-mini', 'gpt-4o'), 'listed', 'gpt-4o'],
    ['openai', 'gpt-4o', undefined, 'unknown'],
  ])('%s %j in %j → %s', (kind, model, models, status, id) => {
    const match = matchServedModel(kind, model, models);
    expect(match.status).toBe(status);
    expect('model' in match ? match.model.id : undefined).toBe(id);
  });
});
