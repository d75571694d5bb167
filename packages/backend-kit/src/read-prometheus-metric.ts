/**
 * Sums every sample of one metric in a Prometheus text exposition (all label sets), e.g.
 * `vllm:num_requests_running` across engines. Returns `undefined` when the metric is absent.
 *
 * @example
 * readPrometheusMetric('vllm:num_requests_waiting{model_name="m"} 3.0\n', 'vllm:num_requests_waiting'); // → 3
 */
export function readPrometheusMetric(text: string, name: string): number | undefined {
  let total: number | undefined;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || !line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    let valuePart: string;
    if (rest.startsWith('{')) {
      const close = rest.lastIndexOf('}');
      if (close === -1) continue;
      valuePart = rest.slice(close + 1);
    } else if (rest.startsWith(' ') || rest.startsWith('\t')) {
      valuePart = rest;
    } else {
      continue;
    }
    const value = Number(valuePart.trim().split(/\s+/)[0]);
    if (Number.isFinite(value)) total = (total ?? 0) + value;
  }
  return total;
}
