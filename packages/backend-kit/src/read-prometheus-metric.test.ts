import { describe, expect, it } from 'vitest';
import { readPrometheusMetric } from './read-prometheus-metric.js';

const exposition = `# HELP vllm:num_requests_running Number of requests in model execution batches.
# TYPE vllm:num_requests_running gauge
vllm:num_requests_running{engine="0",model_name="Qwen/Qwen2.5-7B-Instruct"} 2.0
vllm:num_requests_running{engine="1",model_name="Qwen/Qwen2.5-7B-Instruct"} 1.0
vllm:num_requests_waiting{engine="0",model_name="Qwen/Qwen2.5-7B-Instruct"} 5.0
vllm:num_requests_waiting_total 99
llamacpp:requests_deferred 3 1732262400000
`;

describe('readPrometheusMetric', () => {
  it.each([
    ['vllm:num_requests_running', 3],
    ['vllm:num_requests_waiting', 5],
    ['llamacpp:requests_deferred', 3],
    ['vllm:kv_cache_usage_perc', undefined],
  ])('%s → %s', (name, expected) => {
    expect(readPrometheusMetric(exposition, name)).toBe(expected);
  });
});
