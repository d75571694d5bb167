/** The `type` field of an OpenAI error body. */
export type OpenAIErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'server_error'
  | 'timeout_error';

/** OpenAI's error body: `{ error: { message, type, param, code } }`, plus Switchyard's detail. */
export type OpenAIErrorBody = {
  readonly error: {
    readonly message: string;
    readonly type: OpenAIErrorType;
    readonly param: string | null;
    readonly code: string | null;
    /** Switchyard's own detail (the no-route rejections, the attempts of a failed request). */
    readonly switchyard?: unknown;
  };
};

/**
 * An HTTP error answer of the gateway: status, OpenAI error fields and extra response headers
 * (`Retry-After`, `Allow`, `WWW-Authenticate`). Thrown inside the gateway and turned into the
 * response by one function; never carries upstream secrets.
 *
 * @example
 * throw new GatewayHttpError({ status: 404, type: 'not_found_error', code: 'model_not_found', param: 'model',
 *   message: "The model 'gpt-9' does not exist" });
 */
export class GatewayHttpError extends Error {
  readonly status: number;
  readonly type: OpenAIErrorType;
  readonly param: string | null;
  readonly code: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly detail: unknown;

  constructor(options: {
    status: number;
    type: OpenAIErrorType;
    message: string;
    code?: string | null;
    param?: string | null;
    headers?: Readonly<Record<string, string>>;
    detail?: unknown;
  }) {
    super(options.message);
    this.name = 'GatewayHttpError';
    this.status = options.status;
    this.type = options.type;
    this.code = options.code ?? null;
    this.param = options.param ?? null;
    this.headers = options.headers ?? {};
    this.detail = options.detail;
  }

  /** The OpenAI-shaped body of this error. */
  toBody(): OpenAIErrorBody {
    return {
      error: {
        message: this.message,
        type: this.type,
        param: this.param,
        code: this.code,
        ...(this.detail === undefined ? {} : { switchyard: this.detail }),
      },
    };
  }
}
