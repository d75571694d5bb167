import type { ChatRequest } from '@switchyard/core';
import type { SeededRandom } from './seeded-random.js';

/** The generic assistant system prompt many applications send. */
export const defaultSystemPrompt = 'You are a helpful assistant.';

/**
 * Request fields real clients vary, drawn at random: streaming (about 40 %), a temperature (about
 * half), an output cap (about a third), and a usage-reporting option with streams.
 *
 * @example
 * const request = { model: 'auto', messages, ...samplingOptions(random) };
 */
export function samplingOptions(
  random: SeededRandom,
): Pick<ChatRequest, 'stream' | 'stream_options' | 'temperature' | 'max_tokens' | 'max_completion_tokens'> {
  const options: ReturnType<typeof samplingOptions> = {};
  if (random.chance(0.4)) {
    options.stream = true;
    if (random.chance(0.5)) options.stream_options = { include_usage: true };
  }
  if (random.chance(0.5)) options.temperature = random.pick([0, 0.2, 0.7, 1]);
  if (random.chance(0.35)) {
    const cap = random.pick([256, 512, 1024, 2048, 4096]);
    if (random.chance(0.5)) options.max_tokens = cap;
    else options.max_completion_tokens = cap;
  }
  return options;
}
