/**
 * The Ollama address in `OLLAMA_HOST`, read as Ollama's own CLI reads it: `host`, `host:port` or
 * a URL; the port defaults to 11434 and the scheme to `http`. `undefined` when the variable is
 * unset or blank.
 *
 * @example
 * ollamaUrlFromEnvironment({ OLLAMA_HOST: 'gpu-box' }); // 'http://gpu-box:11434'
 * ollamaUrlFromEnvironment({ OLLAMA_HOST: '127.0.0.1:9' }); // 'http://127.0.0.1:9'
 */
export function ollamaUrlFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const host = env.OLLAMA_HOST?.trim();
  if (host === undefined || host === '') return undefined;
  const url = (/^https?:\/\//.test(host) ? host : `http://${host}`).replace(/\/+$/, '');
  return /:\d+$/.test(url) ? url : `${url}:11434`;
}
