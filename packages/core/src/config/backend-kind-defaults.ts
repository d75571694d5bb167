import type { BackendKind, Locality } from '../spec/target.js';

/** What a backend gets from its kind when the config leaves a field out. */
export type BackendKindDefaults = {
  /** The server's documented default address (local kinds) or the vendor's API base (cloud kinds). */
  readonly baseUrl?: string;
  /** The environment variable the vendor's own SDK reads the key from. */
  readonly apiKeyEnv?: string;
  /** Where targets of this kind run; `undefined`: decided from the base URL (`openai-compatible`). */
  readonly locality?: Locality;
};

/**
 * Per-kind defaults. Local servers default to their documented port on 127.0.0.1; cloud kinds to
 * the vendor's API base and key variable. `openai-compatible` has no default address: it is
 * whatever server the user points it at.
 *
 * @example
 * backendKindDefaults.ollama.baseUrl // 'http://127.0.0.1:11434'
 */
export const backendKindDefaults: Readonly<Record<BackendKind, BackendKindDefaults>> = {
  ollama: { baseUrl: 'http://127.0.0.1:11434', locality: 'local' },
  llamacpp: { baseUrl: 'http://127.0.0.1:8080', locality: 'local' },
  vllm: { baseUrl: 'http://127.0.0.1:8000', locality: 'local' },
  tgi: { baseUrl: 'http://127.0.0.1:3000', locality: 'local' },
  embedded: { locality: 'local' },
  'openai-compatible': {},
  openai: { baseUrl: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY', locality: 'cloud' },
  openrouter: { baseUrl: 'https://openrouter.ai/api/v1', apiKeyEnv: 'OPENROUTER_API_KEY', locality: 'cloud' },
  anthropic: { baseUrl: 'https://api.anthropic.com', apiKeyEnv: 'ANTHROPIC_API_KEY', locality: 'cloud' },
};

/** Backend kinds whose servers are a vendor's cloud: their targets can never be `local`. */
export const cloudBackendKinds: readonly BackendKind[] = ['openai', 'openrouter', 'anthropic'];

/**
 * The locality of an `openai-compatible` server from its address: loopback, private-network
 * (RFC 1918, RFC 4193, link-local) and `.local`/`.internal`/`.lan` hosts are `local`; anything
 * else is `cloud`, so a private request never leaves the network unless the config says so.
 *
 * @example
 * localityOfUrl('http://10.0.0.7:8000/v1') // 'local'
 * localityOfUrl('https://api.together.xyz/v1') // 'cloud'
 */
export function localityOfUrl(url: string): Locality {
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return 'cloud';
  }
  if (hostname.startsWith('[') && hostname.endsWith(']')) return localityOfIpv6(hostname.slice(1, -1));
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return 'local';
  if (/\.(local|internal|lan|home\.arpa)$/.test(hostname)) return 'local';
  const octets = hostname.split('.').map(Number);
  if (octets.length === 4 && octets.every((octet) => Number.isInteger(octet) && octet >= 0 && octet <= 255)) {
    const [first, second] = octets as [number, number, number, number];
    if (first === 127 || first === 10) return 'local';
    if (first === 172 && second >= 16 && second <= 31) return 'local';
    if (first === 192 && second === 168) return 'local';
    if (first === 169 && second === 254) return 'local';
    return 'cloud';
  }
  // A bare host name (`gpu-box`, a Docker service name) resolves inside the local network.
  return hostname.includes('.') ? 'cloud' : 'local';
}

function localityOfIpv6(address: string): Locality {
  if (address === '::1') return 'local';
  if (/^f[cd][0-9a-f]{2}:/.test(address)) return 'local';
  if (/^fe[89ab][0-9a-f]:/.test(address)) return 'local';
  return 'cloud';
}
