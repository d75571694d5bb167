import type { ErrorClassifier } from '@switchyard/backend-kit';

/**
 * OpenRouter's error quirks on top of the generic classification (which already maps 402 →
 * `quota-exhausted`, 403 moderation → `invalid-request`, 408 → `timeout`, 429 → `rate-limited`,
 * 502 → `unavailable`): "no endpoints / providers" answers mean the routing preferences or the
 * required parameters exclude every provider — `unsupported`, not worth retrying; an unknown
 * model id is `model-not-found` even though OpenRouter sends it as a 400.
 *
 * @example
 * classifyOpenRouterError({ status: 404, details: { message: 'No endpoints found that support tool use.' } });
 * // → { code: 'unsupported', isRetryable: false, hint: '…' }
 */
export const classifyOpenRouterError: ErrorClassifier = ({ details }) => {
  if (/no (?:allowed )?(?:endpoints|providers)|no provider/i.test(details.message)) {
    return {
      code: 'unsupported',
      isRetryable: false,
      hint: 'no OpenRouter provider matches the request parameters and provider preferences',
    };
  }
  if (/is not a valid model id/i.test(details.message)) return { code: 'model-not-found' };
  return undefined;
};
