/** Nanoseconds per prompt token the Ollama emulator reports (1,000 tokens/s). */
export const promptNanosecondsPerToken = 1_000_000;
/** Nanoseconds per output token the Ollama emulator reports (50 tokens/s). */
export const evalNanosecondsPerToken = 20_000_000;

/**
 * The timing fields of Ollama's final line, in nanoseconds, derived from the token counts so
 * tests can check unit conversion exactly: prompt at 1,000 tokens/s, output at 50 tokens/s, load
 * 1 ms warm or 500 ms when the model had to be loaded.
 *
 * @example
 * ollamaDurations(26, 10, false) // { total_duration: 227000000, load_duration: 1000000, … }
 */
export function ollamaDurations(promptTokens: number, outputTokens: number, coldLoad: boolean) {
  const load = coldLoad ? 500_000_000 : 1_000_000;
  const prompt = promptTokens * promptNanosecondsPerToken;
  const evaluation = outputTokens * evalNanosecondsPerToken;
  return {
    total_duration: load + prompt + evaluation,
    load_duration: load,
    prompt_eval_duration: prompt,
    eval_duration: evaluation,
  };
}
