/** Quantization methods recognisable in a checkpoint name, most specific first. */
const patterns: readonly [RegExp, string][] = [
  [/(?:^|[-_./])awq(?=$|[-_./])/i, 'awq'],
  [/(?:^|[-_./])gptq(?=$|[-_./])/i, 'gptq'],
  [/(?:^|[-_./])nvfp4(?=$|[-_./])/i, 'nvfp4'],
  [/(?:^|[-_./])mxfp4(?=$|[-_./])/i, 'mxfp4'],
  [/(?:^|[-_./])fp8(?:[-_]dynamic)?(?=$|[-_./])/i, 'fp8'],
  [/(?:^|[-_./])w8a8(?=$|[-_./])/i, 'w8a8'],
  [/(?:^|[-_./])w4a16(?=$|[-_./])/i, 'w4a16'],
  [/(?:^|[-_./])(?:bnb[-_]?4bit|4bit)(?=$|[-_./])/i, 'bitsandbytes'],
  [/(?:^|[-_./])int4(?=$|[-_./])/i, 'int4'],
  [/(?:^|[-_./])int8(?=$|[-_./])/i, 'int8'],
  [/(?:^|[-_./])(I?Q[1-8](?:_[0-9A-Z]+)*)(?:\.gguf)?$/i, 'gguf'],
];

/**
 * Infers a vLLM model's quantization from its checkpoint name (`root` or `id`), since no vLLM
 * endpoint reports it: `Qwen2.5-7B-Instruct-AWQ` → `awq`, `…-FP8-Dynamic` → `fp8`,
 * `…-Q4_K_M.gguf` → `Q4_K_M`. Returns `undefined` when the name does not say.
 *
 * @example
 * quantizationFromCheckpointName('neuralmagic/Meta-Llama-3.1-8B-Instruct-FP8'); // → 'fp8'
 */
export function quantizationFromCheckpointName(name: string | undefined): string | undefined {
  if (name === undefined || name === '') return undefined;
  for (const [pattern, method] of patterns) {
    const match = pattern.exec(name);
    if (match === null) continue;
    return method === 'gguf' ? match[1]?.toUpperCase() : method;
  }
  return undefined;
}
