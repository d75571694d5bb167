import type { BackendErrorCode } from '@switchyard/core';

/** Test-only: one error body and how it must be classified. */
export type ErrorClassificationCase = {
  readonly name: string;
  readonly status: number;
  readonly body: unknown;
  readonly code: BackendErrorCode;
  readonly retryable: boolean;
  readonly message?: string | RegExp;
};

// Bodies verbatim from backends.md and llamacpp-observed.md.
export const errorClassificationCases: ErrorClassificationCase[] = [
  {
    name: 'OpenAI rate limit',
    status: 429,
    body: {
      error: {
        message:
          'Rate limit reached for gpt-4o-mini on tokens per min (TPM): Limit 200000, Used 199000. You can increase your rate limit by adding a payment method at https://platform.openai.com/account/billing.',
        type: 'tokens',
        param: null,
        code: 'rate_limit_exceeded',
      },
    },
    code: 'rate-limited',
    retryable: true,
  },
  {
    name: 'OpenAI insufficient_quota (429, not retryable)',
    status: 429,
    body: {
      error: {
        message: 'You exceeded your current quota, please check your plan and billing details.',
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      },
    },
    code: 'quota-exhausted',
    retryable: false,
  },
  {
    name: 'OpenAI spend limit code',
    status: 429,
    body: {
      error: {
        message: 'Spend limit reached',
        type: 'insufficient_quota',
        code: 'project_spend_limit_exceeded',
      },
    },
    code: 'quota-exhausted',
    retryable: false,
  },
  {
    name: 'OpenAI context_length_exceeded',
    status: 400,
    body: {
      error: {
        message:
          "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'context_length_exceeded',
      },
    },
    code: 'context-length-exceeded',
    retryable: false,
  },
  {
    name: 'OpenAI invalid key',
    status: 401,
    body: {
      error: {
        message: 'Incorrect API key provided.',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
    },
    code: 'unauthorized',
    retryable: false,
  },
  {
    name: 'OpenAI unknown model',
    status: 404,
    body: {
      error: {
        message: 'The model `gpt-9` does not exist or you do not have access to it.',
        type: 'invalid_request_error',
        code: 'model_not_found',
      },
    },
    code: 'model-not-found',
    retryable: false,
  },
  {
    name: 'OpenAI server_is_overloaded 503',
    status: 503,
    body: {
      error: {
        message: 'The server is overloaded.',
        type: 'service_unavailable_error',
        code: 'server_is_overloaded',
      },
    },
    code: 'overloaded',
    retryable: true,
  },
  {
    name: 'OpenAI 500 server_error',
    status: 500,
    body: {
      error: { message: 'The server had an error while processing your request.', type: 'server_error' },
    },
    code: 'unknown',
    retryable: true,
  },
  {
    name: 'llama.cpp exceed_context_size_error',
    status: 400,
    body: {
      error: {
        code: 400,
        message: 'request (3608 tokens) exceeds the available context size (2048 tokens), try increasing it',
        type: 'exceed_context_size_error',
        n_prompt_tokens: 3608,
        n_ctx: 2048,
      },
    },
    code: 'context-length-exceeded',
    retryable: false,
  },
  {
    name: 'llama.cpp shared-KV overflow 500',
    status: 500,
    body: { error: { code: 500, message: 'Context size has been exceeded.', type: 'server_error' } },
    code: 'overloaded',
    retryable: true,
    message: /^Context size has been exceeded\. \(llama\.cpp: concurrent requests/,
  },
  {
    name: 'llama.cpp loading 503',
    status: 503,
    body: { error: { message: 'Loading model', type: 'unavailable_error', code: 503 } },
    code: 'unavailable',
    retryable: true,
  },
  {
    name: 'llama.cpp no slot available 503',
    status: 503,
    body: { error: { code: 503, message: 'no slot available', type: 'unavailable_error' } },
    code: 'overloaded',
    retryable: true,
  },
  {
    name: 'llama.cpp malformed JSON 500',
    status: 500,
    body: {
      error: {
        code: 500,
        message:
          '[json.exception.parse_error.101] parse error at line 1, column 46: syntax error while parsing object key - unexpected end of input; expected string literal',
        type: 'server_error',
      },
    },
    code: 'invalid-request',
    retryable: false,
  },
  {
    name: 'llama.cpp json_schema + grammar 500',
    status: 500,
    body: { error: { code: 500, message: 'Cannot use both json_schema and grammar', type: 'server_error' } },
    code: 'invalid-request',
    retryable: false,
  },
  {
    name: 'llama.cpp image without mmproj 500',
    status: 500,
    body: {
      error: {
        code: 500,
        message:
          'image input is not supported - hint: if this is unexpected, you may need to provide the mmproj',
        type: 'server_error',
      },
    },
    code: 'unsupported',
    retryable: false,
  },
  {
    name: 'llama.cpp old build tools without --jinja',
    status: 500,
    body: { error: { code: 500, message: 'tools param requires --jinja flag', type: 'server_error' } },
    code: 'unsupported',
    retryable: false,
  },
  {
    name: 'llama.cpp metrics 501',
    status: 501,
    body: {
      error: {
        code: 501,
        message: 'This server does not support metrics endpoint. Start it with `--metrics`',
        type: 'not_supported_error',
      },
    },
    code: 'unsupported',
    retryable: false,
  },
  {
    name: 'llama.cpp unknown path 404',
    status: 404,
    body: { error: { message: 'File Not Found', type: 'not_found_error', code: 404 } },
    code: 'unsupported',
    retryable: false,
    message: 'File Not Found (endpoint not found: check baseUrl)',
  },
  {
    name: 'llama.cpp invalid API key',
    status: 401,
    body: { error: { message: 'Invalid API Key', type: 'authentication_error', code: 401 } },
    code: 'unauthorized',
    retryable: false,
  },
  {
    name: 'llama.cpp bad response_format type',
    status: 400,
    body: {
      error: {
        code: 400,
        message: 'response_format type must be one of "text" or "json_object", but got: xml',
        type: 'invalid_request_error',
      },
    },
    code: 'invalid-request',
    retryable: false,
  },
  {
    name: 'vLLM maximum context length',
    status: 400,
    body: {
      error: {
        message:
          "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the completion).",
        type: 'BadRequestError',
        param: null,
        code: 400,
      },
    },
    code: 'context-length-exceeded',
    retryable: false,
  },
  {
    name: 'vLLM old flat error body',
    status: 400,
    body: {
      object: 'error',
      message: "This model's maximum context length is 2048 tokens.",
      type: 'BadRequestError',
      param: null,
      code: 400,
    },
    code: 'context-length-exceeded',
    retryable: false,
  },
  {
    name: 'vLLM auto tool choice without server flags',
    status: 400,
    body: {
      error: {
        message: '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set',
        type: 'BadRequestError',
        param: null,
        code: 400,
      },
    },
    code: 'unsupported',
    retryable: false,
  },
  {
    name: 'vLLM unknown model',
    status: 404,
    body: {
      error: { message: 'The model `llama` does not exist.', type: 'NotFoundError', param: null, code: 404 },
    },
    code: 'model-not-found',
    retryable: false,
  },
  {
    name: 'TGI validation: context overflow',
    status: 422,
    body: {
      error:
        'Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 4000 `inputs` tokens and 200 `max_new_tokens`',
      error_type: 'validation',
    },
    code: 'context-length-exceeded',
    retryable: false,
  },
  {
    name: 'TGI validation: other',
    status: 422,
    body: {
      error: 'Input validation error: `temperature` must be strictly positive',
      error_type: 'validation',
    },
    code: 'invalid-request',
    retryable: false,
  },
  {
    name: 'TGI missing value (OpenAI json_object form)',
    status: 422,
    body: 'Failed to deserialize the JSON body into the target type: response_format: missing field `value` at line 1 column 120',
    code: 'invalid-request',
    retryable: false,
  },
  {
    name: 'TGI overloaded',
    status: 429,
    body: { error: 'Model is overloaded', error_type: 'overloaded' },
    code: 'overloaded',
    retryable: true,
  },
  {
    name: 'TGI generation 424',
    status: 424,
    body: {
      error: 'Request failed during generation: Server error: CUDA out of memory',
      error_type: 'generation',
    },
    code: 'unavailable',
    retryable: true,
  },
  {
    name: 'TGI unhealthy 503',
    status: 503,
    body: { error: 'unhealthy', error_type: 'healthcheck' },
    code: 'unavailable',
    retryable: true,
  },
  {
    name: 'OpenRouter 402 credits',
    status: 402,
    body: {
      error: { code: 402, message: 'Insufficient credits. Add more using https://openrouter.ai/credits' },
    },
    code: 'quota-exhausted',
    retryable: false,
  },
  {
    name: 'OpenRouter 403 moderation',
    status: 403,
    body: {
      error: {
        code: 403,
        message: 'meta-llama/llama-guard requires moderation',
        metadata: {
          reasons: ['violence'],
          flagged_input: '…',
          provider_name: 'OpenAI',
          model_slug: 'openai/gpt-4o',
        },
      },
    },
    code: 'invalid-request',
    retryable: false,
  },
  {
    name: 'OpenRouter 502 upstream down',
    status: 502,
    body: {
      error: {
        code: 502,
        message: 'Provider returned error',
        metadata: { provider_name: 'Together', raw: '…' },
      },
    },
    code: 'unavailable',
    retryable: true,
    message: 'Provider returned error (provider: Together)',
  },
  {
    name: 'OpenRouter 408',
    status: 408,
    body: { error: { code: 408, message: 'Request timed out' } },
    code: 'timeout',
    retryable: true,
  },
  {
    name: 'Ollama model not found',
    status: 404,
    body: { error: "model 'llama9' not found, try pulling it first" },
    code: 'model-not-found',
    retryable: false,
  },
  {
    name: 'Ollama missing tools capability',
    status: 400,
    body: { error: 'registry.ollama.ai/library/gemma:2b does not support tools' },
    code: 'unsupported',
    retryable: false,
  },
  {
    name: 'Ollama queue full',
    status: 503,
    body: { error: 'server busy, please try again.  maximum pending requests exceeded' },
    code: 'overloaded',
    retryable: true,
  },
  {
    name: 'Anthropic overloaded 529',
    status: 529,
    body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_1' },
    code: 'overloaded',
    retryable: true,
  },
  {
    name: 'Anthropic spend limit (429, not retryable)',
    status: 429,
    body: {
      type: 'error',
      error: {
        type: 'rate_limit_error',
        message: 'You have reached your specified workspace API usage limits.',
        details: { error_code: 'enforced_spend_limit_reached' },
      },
    },
    code: 'quota-exhausted',
    retryable: false,
  },
  {
    name: 'Anthropic rate limit',
    status: 429,
    body: {
      type: 'error',
      error: {
        type: 'rate_limit_error',
        message: 'Number of request tokens has exceeded your per-minute rate limit',
      },
    },
    code: 'rate-limited',
    retryable: true,
  },
  {
    name: 'Anthropic prompt too long',
    status: 400,
    body: {
      type: 'error',
      error: { type: 'invalid_request_error', message: 'prompt is too long: 210000 tokens > 200000 maximum' },
    },
    code: 'context-length-exceeded',
    retryable: false,
  },
  {
    name: 'gateway 504 HTML page',
    status: 504,
    body: '<html><head><title>504 Gateway Time-out</title></head><body>nginx</body></html>',
    code: 'timeout',
    retryable: true,
    message: 'HTTP 504 Gateway Time-out with no error message',
  },
];
