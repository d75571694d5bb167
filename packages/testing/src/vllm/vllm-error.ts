const typeByStatus: Readonly<Record<number, string>> = {
  400: 'BadRequestError',
  401: 'UnauthorizedError',
  404: 'NotFoundError',
  429: 'TooManyRequestsError',
  500: 'InternalServerError',
  502: 'BadGatewayError',
  503: 'ServiceUnavailableError',
};

/**
 * vLLM's error body: `{"error":{"message","type","param","code"}}` where `type` is an exception
 * name (`BadRequestError`, `NotFoundError`, …) and `code` the HTTP status as a number.
 *
 * @example
 * vllmError(404, 'The model `x` does not exist.') // { error: { message, type: 'NotFoundError', param: null, code: 404 } }
 */
export function vllmError(status: number, message: string, param: string | null = null) {
  return { error: { message, type: typeByStatus[status] ?? 'InternalServerError', param, code: status } };
}
