import type { EmulatorStats } from '../emulator/start-emulator-server.js';

/**
 * vLLM's Prometheus `/metrics` text for the emulator's live figures: requests running (in flight,
 * up to `maxNumSeqs`) and waiting (the rest), KV-cache use, token counters.
 *
 * @example
 * vllmMetrics('meta-llama/Llama-3.1-8B-Instruct', stats, 256)
 */
export function vllmMetrics(modelName: string, stats: EmulatorStats, maxNumSeqs: number): string {
  const labels = `engine="0",model_name="${modelName}"`;
  const running = Math.min(stats.inFlight, maxNumSeqs);
  const waiting = Math.max(0, stats.inFlight - maxNumSeqs);
  const metric = (name: string, type: string, help: string, value: number) =>
    `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name}{${labels}} ${value.toFixed(1)}\n`;
  return [
    metric('vllm:num_requests_running', 'gauge', 'Number of requests in model execution batches.', running),
    metric('vllm:num_requests_waiting', 'gauge', 'Number of requests waiting to be processed.', waiting),
    metric(
      'vllm:kv_cache_usage_perc',
      'gauge',
      'KV-cache usage. 1 means 100 percent usage.',
      running / maxNumSeqs,
    ),
    metric('vllm:prompt_tokens_total', 'counter', 'Number of prefill tokens processed.', stats.promptTokens),
    metric(
      'vllm:generation_tokens_total',
      'counter',
      'Number of generation tokens processed.',
      stats.generationTokens,
    ),
    metric(
      'vllm:request_success_total',
      'counter',
      'Count of successfully processed requests.',
      stats.succeeded,
    ),
  ].join('');
}
