import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The shared data directory: `SWITCHYARD_SHARED_DIR`, else `../shared` beside the repository. */
const sharedDirectory = process.env.SWITCHYARD_SHARED_DIR ?? resolve(repositoryRoot, '../shared');

/**
 * The real GGUF models the tests run: tiny-chatml ships in the repository (`models/`), stories260K
 * is read in place from the shared data directory. `storiesSkipReason` is set when it is absent.
 *
 * @example
 * const backend = createEmbedded({ modelPath: testModels.tinyChatml });
 */
export const testModels = {
  tinyChatml: join(repositoryRoot, 'models', 'tiny-chatml.gguf'),
  stories260K: join(sharedDirectory, 'models', 'stories260K.gguf'),
  get storiesSkipReason(): string | undefined {
    return existsSync(this.stories260K)
      ? undefined
      : `stories260K.gguf not found at ${this.stories260K} (set SWITCHYARD_SHARED_DIR)`;
  },
};
