import type { ChatRequest } from '@switchyard/core';
import { samplingOptions } from './sampling-options.js';
import type { SeededRandom } from './seeded-random.js';
import { defaultWorkloadModel, type GeneratorOptions, type WorkloadItem } from './workload-item.js';
import type { WorkloadSources } from './workload-sources.js';

/**
 * Image references as clients send them: public https URLs (the photo OpenAI's vision guide uses)
 * and an inline base64 PNG data URL (a valid 1×1 image; routing never decodes it).
 */
export const workloadImageUrls: readonly string[] = [
  'https://upload.wikimedia.org/wikipedia/commons/thumb/d/dd/Gfp-wisconsin-madison-the-nature-boardwalk.jpg/2560px-Gfp-wisconsin-madison-the-nature-boardwalk.jpg',
  'https://upload.wikimedia.org/wikipedia/commons/4/47/PNG_transparency_demonstration_1.png',
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
];

/**
 * A user message with a real arena prompt as its text part and one to three image parts.
 *
 * @example
 * const { request } = imageRequest(sources, random);
 * request.messages[0]?.content; // [{ type: 'text', … }, { type: 'image_url', … }]
 */
export function imageRequest(
  sources: WorkloadSources,
  random: SeededRandom,
  options: GeneratorOptions = {},
): WorkloadItem {
  const prompt = random.pick(sources.arenaPrompts);
  const images = Array.from({ length: random.integer(1, 3) }, () => ({
    type: 'image_url' as const,
    image_url: {
      url: random.pick(workloadImageUrls),
      ...(random.chance(0.5) ? { detail: random.pick(['low', 'high', 'auto'] as const) } : {}),
    },
  }));
  const request: ChatRequest = {
    model: options.model ?? defaultWorkloadModel,
    messages: [{ role: 'user', content: [{ type: 'text', text: prompt.prompt }, ...images] }],
    ...samplingOptions(random),
  };
  return { kind: 'image', source: `${prompt.source}:${prompt.id}`, request };
}
