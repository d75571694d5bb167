import type { ChatRequest } from '@switchyard/core';
import { sharedDataDirectory } from '../shared-data.js';
import { convertBfclFunction } from './convert-bfcl-function.js';
import { countMessageTokens, countTokens } from './count-tokens.js';
import { defaultWorkloadModel } from './workload-item.js';
import { loadWorkloadSources } from './workload-sources.js';

/** Size of the reference prompt: messages, in cl100k tokens. */
export const referencePromptTokens = 4_000;
/** Tools the reference request offers. */
export const referenceToolCount = 12;

const separator = '\n\n---\n\n';

/**
 * The decision benchmark's headline case, the same on every run: a ~4,000-token prompt (Arena-Hard
 * v2.0 prompts in file order pasted as material, closed by the first request of BFCL's
 * `multi_turn_base_0`) offering 12 real BFCL tools (the first twelve of the Gorilla file-system
 * API: cat, cd, cp, diff, du, echo, find, grep, ls, mkdir, mv, pwd).
 *
 * @example
 * const request = buildReferenceRequest();
 * request.tools?.length; // 12
 */
export function buildReferenceRequest(
  options: { readonly sharedDir?: string; readonly model?: string } = {},
): ChatRequest {
  const sources = loadWorkloadSources(options.sharedDir ?? sharedDataDirectory());
  const docs = sources.functionDocs.get('GorillaFileSystem') ?? [];
  if (docs.length < referenceToolCount) {
    throw new Error(
      `the Gorilla file-system tool doc has ${docs.length} functions; the reference needs ${referenceToolCount}`,
    );
  }
  const chain = sources.chainItems.find((item) => item.id === 'multi_turn_base_0');
  const question = chain?.turns[0]?.[0]?.content;
  if (question === undefined)
    throw new Error('BFCL item multi_turn_base_0 (the reference question) is missing');

  const material: string[] = [];
  // Budget for the material: the whole message (with question and overhead) lands just under the target.
  let left = referencePromptTokens - countMessageTokens({ role: 'user', content: question }) - 8;
  for (const prompt of sources.arenaPrompts) {
    if (prompt.source !== 'arena-hard-v2.0') continue;
    const cost = countTokens(prompt.prompt) + countTokens(separator);
    if (cost > left) continue;
    material.push(prompt.prompt);
    left -= cost;
    if (left < 40) break;
  }
  return {
    model: options.model ?? defaultWorkloadModel,
    messages: [{ role: 'user', content: [...material, question].join(separator) }],
    tools: docs.slice(0, referenceToolCount).map(convertBfclFunction),
  };
}
