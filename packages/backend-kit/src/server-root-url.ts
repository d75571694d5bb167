/**
 * Removes trailing slashes from a URL.
 *
 * @example
 * trimTrailingSlashes('http://127.0.0.1:8080/'); // → 'http://127.0.0.1:8080'
 */
export function trimTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The server root of a local OpenAI-compatible server (llama.cpp, vLLM, TGI), whether the user
 * wrote `http://host:8080` or `http://host:8080/v1/`: their health, props and metrics endpoints
 * live at the root, chat under `/v1`.
 *
 * @example
 * serverRootUrl('http://127.0.0.1:8000/v1/'); // → 'http://127.0.0.1:8000'
 */
export function serverRootUrl(baseUrl: string): string {
  return trimTrailingSlashes(baseUrl).replace(/\/v1$/, '');
}

/**
 * Joins a base URL and a path with exactly one slash.
 *
 * @example
 * joinUrl('https://openrouter.ai/api/v1/', '/models'); // → 'https://openrouter.ai/api/v1/models'
 */
export function joinUrl(base: string, path: string): string {
  return `${trimTrailingSlashes(base)}/${path.replace(/^\/+/, '')}`;
}
