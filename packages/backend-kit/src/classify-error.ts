import type { BackendErrorCode } from '@switchyard/core';
import type { ErrorDetails } from './extract-error-details.js';

/** What an error means for the executor: a code, optionally a retry verdict and a hint for humans. */
export type ErrorClassification = {
  readonly code: BackendErrorCode;
  /** Overrides the code's default (`rate-limited`, `overloaded`, `unavailable`, `timeout`, `network` retry). */
  readonly isRetryable?: boolean;
  /** Appended to the server's message in parentheses: what it means or what to do. */
  readonly hint?: string;
};

/** Input to a classifier: the HTTP status (or the status named inside an in-stream error) and the body. */
export type ErrorClassificationInput = {
  readonly status: number | undefined;
  readonly details: ErrorDetails;
};

/**
 * A dialect's error quirks: return a classification to override the generic one, or `undefined`
 * to fall through to {@link classifyError}.
 */
export type ErrorClassifier = (input: ErrorClassificationInput) => ErrorClassification | undefined;

const contextPatterns = [
  /maximum context length/i,
  /context[_ ]length[_ ]exceeded/i,
  /exceeds the available context size/i,
  /prompt is too long/i,
  /`inputs` tokens \+ `max_new_tokens` must be/i,
  /`inputs` must have less than/i,
  /input (?:is )?too long/i,
  /too many input tokens/i,
];

const unsupportedPatterns = [
  /does not support (?:tools|thinking|generate|insert|vision|images?|embeddings?)/i,
  /tool choice requires/i,
  /tools param requires --jinja/i,
  /only one completion choice is allowed/i,
  /image input is not supported/i,
  /grammar and tools are mutually exclusive/i,
  /grammar is not supported/i,
  /not supported by this model/i,
];

// Message wordings only: rate-limit messages mention "billing" too, so that word is not a signal.
const quotaPatterns = [
  /insufficient[_ ]quota/i,
  /exceeded your current quota/i,
  /credit balance/i,
  /insufficient credits/i,
  /spend[_ ]limit/i,
];
const quotaCodes = new Set([
  'insufficient_quota',
  'credit_balance_exhausted',
  'billing_hard_limit_reached',
  'project_spend_limit_exceeded',
  'organization_spend_limit_exceeded',
  'enforced_spend_limit_reached',
]);

/**
 * The generic classification every adapter starts from, built from the status codes and body
 * shapes in the backend reference: 429 rate limit vs `insufficient_quota`, 503/529 overload,
 * context overflow in all its wordings, 401/403, 404 model, 501 unsupported, 5xx retryable.
 *
 * @example
 * classifyError({ status: 429, details: { message: 'You exceeded your current quota', type: 'insufficient_quota' } });
 * // → { code: 'quota-exhausted', isRetryable: false }
 */
export function classifyError(input: ErrorClassificationInput): ErrorClassification {
  const { details } = input;
  const status = input.status ?? details.statusInBody;
  const text = [details.message, details.type ?? '', details.code ?? ''].join(' ');
  if (details.type === 'exceed_context_size_error' || matchesAny(text, contextPatterns)) {
    return { code: 'context-length-exceeded', isRetryable: false };
  }
  if (/context size has been exceeded/i.test(details.message)) {
    return {
      code: 'overloaded',
      isRetryable: true,
      hint: 'llama.cpp: concurrent requests overflowed the shared KV cache; retry, or lower concurrency',
    };
  }
  if (
    isQuota(details, text) &&
    (status === undefined || status === 429 || status === 402 || status === 403)
  ) {
    return { code: 'quota-exhausted', isRetryable: false };
  }
  if (status === undefined) return classifyByType(details, text);
  return classifyByStatus(status, details, text);
}

function classifyByStatus(status: number, details: ErrorDetails, text: string): ErrorClassification {
  switch (status) {
    case 400:
    case 422:
      return matchesAny(text, unsupportedPatterns) ? { code: 'unsupported' } : { code: 'invalid-request' };
    case 401:
      return { code: 'unauthorized' };
    case 402:
      return { code: 'quota-exhausted', isRetryable: false };
    case 403:
      return /moderation|flagged|guardrail/i.test(text) || details.metadata?.reasons !== undefined
        ? { code: 'invalid-request', hint: 'flagged by moderation' }
        : { code: 'unauthorized' };
    case 404:
      return /model/i.test(text)
        ? { code: 'model-not-found' }
        : { code: 'unsupported', hint: 'endpoint not found: check baseUrl' };
    case 408:
    case 504:
    case 524:
      return { code: 'timeout' };
    case 413:
      return { code: 'invalid-request', hint: 'request body too large' };
    case 429:
      return /overloaded/i.test(text) ? { code: 'overloaded' } : { code: 'rate-limited' };
    case 499:
      return { code: 'aborted', isRetryable: false };
    case 501:
      return { code: 'unsupported' };
    case 424: // TGI: a shard failed during generation
    case 502:
      return { code: 'unavailable' };
    case 503:
      return /overloaded|busy|no slot available|maximum pending|capacity/i.test(text)
        ? { code: 'overloaded' }
        : { code: 'unavailable' };
    case 529:
      return { code: 'overloaded' };
  }
  if (status >= 500) {
    if (matchesAny(text, unsupportedPatterns)) return { code: 'unsupported' };
    if (/json\.exception|parse error|cannot use both/i.test(text)) return { code: 'invalid-request' };
    return { code: 'unknown', isRetryable: true };
  }
  if (status >= 400) return { code: 'invalid-request' };
  return classifyByType(details, text);
}

/** In-stream errors often carry no status: classify by type/code words. */
function classifyByType(details: ErrorDetails, text: string): ErrorClassification {
  if (/overloaded/i.test(text)) return { code: 'overloaded' };
  if (/rate[_ ]limit/i.test(text)) return { code: 'rate-limited' };
  if (/timeout|timed out/i.test(text)) return { code: 'timeout' };
  if (/invalid_request|validation|bad_request/i.test(details.type ?? details.code ?? '')) {
    return matchesAny(text, unsupportedPatterns) ? { code: 'unsupported' } : { code: 'invalid-request' };
  }
  return { code: 'unknown', isRetryable: true };
}

function isQuota(details: ErrorDetails, text: string): boolean {
  if (details.type === 'insufficient_quota' || quotaCodes.has(details.code ?? '')) return true;
  const errorCode = details.metadata?.error_code;
  if (typeof errorCode === 'string' && quotaCodes.has(errorCode)) return true;
  if (/rate_limit/.test(`${details.type ?? ''} ${details.code ?? ''}`)) return false;
  return matchesAny(text, quotaPatterns);
}

function matchesAny(text: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((pattern) => pattern.test(text));
}
