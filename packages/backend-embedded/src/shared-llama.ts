import type { Llama } from 'node-llama-cpp';
import type { EmbeddedGpu } from './embedded-settings.js';

type SharedLlama = { readonly llama: Promise<Llama>; users: number };

/** One llama.cpp runtime per GPU setting, shared by every embedded backend in the process. */
const runtimes = new Map<string, SharedLlama>();

/**
 * Gets the process-wide llama.cpp runtime for a GPU setting, loading node-llama-cpp's prebuilt
 * binary on first use. It never downloads or compiles anything (`build: 'never'`,
 * `skipDownload`): with `gpu: false` the CPU binary of `@node-llama-cpp/<platform>` is used, and
 * when none is installed this rejects with node-llama-cpp's `NoBinaryFoundError`. Each call
 * must be paired with `releaseLlama`; the runtime is disposed when the last user releases it.
 *
 * @example
 * const llama = await acquireLlama(false);
 * try { … } finally { await releaseLlama(false); }
 */
export async function acquireLlama(gpu: EmbeddedGpu): Promise<Llama> {
  const key = String(gpu);
  let shared = runtimes.get(key);
  if (shared === undefined) {
    const loading = import('node-llama-cpp').then(({ getLlama, LlamaLogLevel }) =>
      getLlama({
        gpu,
        build: 'never',
        skipDownload: true,
        usePrebuiltBinaries: true,
        progressLogs: false,
        // 0 = no process-wide cap: each context uses exactly the `threads` it is given.
        maxThreads: 0,
        logLevel: LlamaLogLevel.error,
      }),
    );
    shared = { llama: loading, users: 0 };
    runtimes.set(key, shared);
    const created = shared;
    loading.catch(() => {
      if (runtimes.get(key) === created) runtimes.delete(key);
    });
  }
  shared.users += 1;
  try {
    return await shared.llama;
  } catch (error) {
    shared.users -= 1;
    throw error;
  }
}

/**
 * Releases one use of the runtime from `acquireLlama`; the last release disposes it.
 *
 * @example
 * await releaseLlama(false);
 */
export async function releaseLlama(gpu: EmbeddedGpu): Promise<void> {
  const key = String(gpu);
  const shared = runtimes.get(key);
  if (shared === undefined) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  runtimes.delete(key);
  const llama = await shared.llama;
  await llama.dispose();
}
