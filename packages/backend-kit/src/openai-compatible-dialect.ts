import type { BackendDescription, BackendKind, ChatRequest, ProbeResult } from '@switchyard/core';
import type { JsonResult, TextResult } from './call-json.js';
import type { ErrorClassifier } from './classify-error.js';
import type { ApiKeySettings } from './resolve-api-key.js';
import type { FetchFunction } from './send-request.js';

/** Settings every OpenAI-shaped adapter accepts. */
export type OpenAICompatibleSettings = ApiKeySettings & {
  /** Backend id used in routes and errors (default: the adapter's name, e.g. `openai`). */
  readonly id?: string;
  /** API base URL including the version path, e.g. `https://api.openai.com/v1`. */
  readonly baseUrl: string;
  /** Extra headers on every request (after the auth header, so they can replace it). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The fetch to use (tests inject one). Default: `globalThis.fetch`. */
  readonly fetch?: FetchFunction;
  /** Abort a stream when no bytes arrive for this long, in ms (default: no idle limit). */
  readonly streamIdleTimeoutMs?: number;
};

/** Options of one dialect HTTP call; the URL is absolute. */
export type DialectCallOptions = {
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** Call without failing on a missing required key (public catalog endpoints). Default false. */
  readonly keyOptional?: boolean;
};

/** HTTP helpers bound to the backend's auth, headers, fetch and error classification. */
export type DialectHttp = {
  json<T = unknown>(url: string, options?: DialectCallOptions): Promise<JsonResult<T>>;
  text(url: string, options?: DialectCallOptions): Promise<TextResult>;
};

/** What a dialect's `describe`/`probe`/extras get from the shared base. */
export type DialectContext = {
  readonly id: string;
  /** The API base URL (`…/v1`). */
  readonly baseUrl: string;
  readonly http: DialectHttp;
  /** Reads the API key now; `undefined` when none is configured. */
  apiKey(): string | undefined;
  /** Where the key is expected (`set OPENAI_API_KEY or pass apiKey`), for messages. */
  readonly apiKeyHint: string;
};

/** What a dialect may change in the request body. */
export type RequestBodyContext = {
  readonly request: ChatRequest;
  readonly model: string;
  readonly stream: boolean;
  /** Add a line when the adapter changes or drops something; it reaches the caller. */
  readonly warnings: string[];
};

/**
 * What differs between OpenAI-shaped servers. Each adapter package builds one in small files
 * (`vllm-describe.ts`, `tgi-response-format.ts`…) and hands it to `createOpenAICompatibleBackend`.
 */
export type OpenAICompatibleDialect<Description extends BackendDescription = BackendDescription> = {
  readonly kind: BackendKind;
  /** Human name for messages (`OpenAI`, `llama.cpp`). */
  readonly displayName: string;
  /** Id when the settings give none. */
  readonly defaultId: string;
  /** The output-limit field the server honours. */
  readonly maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** Send `developer` messages as `system` (local chat templates do not know `developer`). */
  readonly developerRoleAsSystem?: boolean;
  /** Whether calls need a key, and the env variable read by default. */
  readonly apiKey?: { readonly required?: boolean; readonly defaultEnv?: string };
  /** Extra headers the dialect adds (OpenRouter attribution…), before the settings' own. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Last edits to the body (structured output form, routing fields…). Must not mutate `request`. */
  readonly prepareBody?: (
    body: Record<string, unknown>,
    context: RequestBodyContext,
  ) => Record<string, unknown>;
  /** Error quirks, consulted before the generic classification. */
  readonly classifyError?: ErrorClassifier;
  readonly describe: (context: DialectContext, options?: { signal?: AbortSignal }) => Promise<Description>;
  readonly probe: (context: DialectContext, options?: { signal?: AbortSignal }) => Promise<ProbeResult>;
};
