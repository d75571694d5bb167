import { startAnthropicEmulator } from '../anthropic/start-anthropic-emulator.js';
import { type OllamaEmulatorOptions, startOllamaEmulator } from '../ollama/start-ollama-emulator.js';
import { startOpenAIEmulator } from '../openai/start-openai-emulator.js';
import { startOpenRouterEmulator } from '../openrouter/start-openrouter-emulator.js';
import { startTgiEmulator, type TgiEmulatorOptions } from '../tgi/start-tgi-emulator.js';
import { startVllmEmulator, type VllmEmulatorOptions } from '../vllm/start-vllm-emulator.js';
import type { Emulator, EmulatorKind, EmulatorOptions } from './emulator.js';

/** The options type of each emulator kind. */
export type EmulatorOptionsByKind = {
  readonly openai: EmulatorOptions;
  readonly openrouter: EmulatorOptions;
  readonly vllm: VllmEmulatorOptions;
  readonly tgi: TgiEmulatorOptions;
  readonly ollama: OllamaEmulatorOptions;
  readonly anthropic: EmulatorOptions;
};

/** Every emulator kind, for table-driven tests. */
export const emulatorKinds: readonly EmulatorKind[] = [
  'openai',
  'openrouter',
  'vllm',
  'tgi',
  'ollama',
  'anthropic',
];

/**
 * Starts the emulator of a kind.
 *
 * @example
 * for (const kind of emulatorKinds) {
 *   const emulator = await startEmulator(kind, { apiKey: 'secret' });
 *   …
 *   await emulator.close();
 * }
 */
export function startEmulator<Kind extends EmulatorKind>(
  kind: Kind,
  options: EmulatorOptionsByKind[Kind] = {},
): Promise<Emulator> {
  switch (kind) {
    case 'openai':
      return startOpenAIEmulator(options);
    case 'openrouter':
      return startOpenRouterEmulator(options);
    case 'vllm':
      return startVllmEmulator(options);
    case 'tgi':
      return startTgiEmulator(options);
    case 'ollama':
      return startOllamaEmulator(options);
    case 'anthropic':
      return startAnthropicEmulator(options);
    default:
      throw new Error(`unknown emulator kind '${String(kind)}'; expected one of ${emulatorKinds.join(', ')}`);
  }
}

/**
 * Runs `run` against a fresh emulator and closes it afterwards, even when `run` throws.
 *
 * @example
 * const status = await withEmulator('tgi', { apiKey: 'k' }, async (tgi) => (await fetch(`${tgi.url}/info`)).status);
 */
export async function withEmulator<Kind extends EmulatorKind, Result>(
  kind: Kind,
  options: EmulatorOptionsByKind[Kind],
  run: (emulator: Emulator) => Result | Promise<Result>,
): Promise<Result> {
  const emulator = await startEmulator(kind, options);
  try {
    return await run(emulator);
  } finally {
    await emulator.close();
  }
}
