import type { ChatRequest } from '../request/chat-request-schema.js';
import type { Candidate } from '../spec/target.js';
import { applyPromptOverride } from './apply-prompt-override.js';

/**
 * The request as one target receives it, built fresh for each call so the caller's request is
 * never mutated: the `switchyard` hints removed, `model` set to the hop's model, the target's
 * prompt override applied, and the temperature the executor chose (a validation retry) set.
 *
 * @example
 * const sent = buildTargetRequest(request, decision.chain[0], { temperature: 0.2 });
 */
export function buildTargetRequest(
  request: ChatRequest,
  candidate: Candidate,
  overrides: { readonly temperature?: number | undefined } = {},
): ChatRequest {
  const { switchyard: _hints, ...rest } = request;
  const prompt = candidate.target.prompt;
  const built: ChatRequest = {
    ...rest,
    model: candidate.model,
    messages: prompt === undefined ? request.messages : applyPromptOverride(request.messages, prompt),
  };
  if (overrides.temperature !== undefined) built.temperature = overrides.temperature;
  return built;
}
