import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayHttpError } from './gateway-http-error.js';

/**
 * Builds the check of client API keys (`Authorization: Bearer <key>`). Keys are kept and compared
 * as SHA-256 digests, so the comparison time says nothing about a key's characters. Throws a 401
 * in OpenAI's words for a missing or unknown key.
 *
 * @example
 * const check = createClientKeyCheck(['sk-team-a', 'sk-team-b']);
 * check(request.headers); // throws GatewayHttpError 401 unless the bearer token is one of them
 */
export function createClientKeyCheck(keys: readonly string[]): (headers: IncomingHttpHeaders) => void {
  const digests = new Set(keys.map(digest));
  return (headers) => {
    const authorization = headers.authorization;
    if (authorization === undefined || authorization === '') {
      throw unauthorized(
        "You didn't provide an API key. Provide it in the Authorization header as 'Bearer YOUR_KEY'.",
        'missing_api_key',
      );
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match === null || !digests.has(digest(match[1] as string))) {
      throw unauthorized('Incorrect API key provided.', 'invalid_api_key');
    }
  };
}

function digest(key: string): string {
  return createHash('sha256').update(key).digest('base64');
}

function unauthorized(message: string, code: string): GatewayHttpError {
  return new GatewayHttpError({
    status: 401,
    type: 'authentication_error',
    code,
    message,
    headers: { 'www-authenticate': 'Bearer' },
  });
}
