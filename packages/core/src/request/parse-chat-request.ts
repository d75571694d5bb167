import { formatIssues } from '../errors/format-issues.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { type ChatRequest, chatRequestSchema } from './chat-request-schema.js';

/**
 * Validates an inbound request body and returns it typed, or throws an {@link InvalidRequestError}
 * whose message names each bad field (`messages[1].content: …`).
 *
 * @example
 * const request = parseChatRequest(JSON.parse(body));
 * const decision = router.route(request);
 */
export function parseChatRequest(body: unknown): ChatRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidRequestError({ message: 'request body must be a JSON object', issues: [] });
  }
  const result = chatRequestSchema.safeParse(body);
  if (!result.success) {
    const issues = formatIssues(result.error.issues);
    throw new InvalidRequestError({ message: `invalid request: ${issues.join('; ')}`, issues });
  }
  return result.data;
}
