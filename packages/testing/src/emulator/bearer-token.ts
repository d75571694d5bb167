import type { Exchange } from './exchange.js';

/**
 * The token of an `Authorization: Bearer …` header; `undefined` when absent or another scheme.
 *
 * @example
 * bearerToken(exchange) // 'sk-test'
 */
export function bearerToken(exchange: Exchange): string | undefined {
  const header = exchange.header('authorization');
  const match = header === undefined ? null : /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1]?.trim();
}

/**
 * A key as error messages show it: the first 3 and last 4 characters, the rest masked.
 *
 * @example
 * maskKey('sk-abcdefghijkl') // 'sk-********ijkl'
 */
export function maskKey(key: string): string {
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}
