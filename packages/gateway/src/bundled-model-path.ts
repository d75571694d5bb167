import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The GGUF model that ships with Switchyard: a 1 MB test model for the out-of-the-box setup. */
export const bundledModelFile = 'tiny-chatml.gguf';

/**
 * Where the bundled model is, found from this module's own location (never the working
 * directory): `models/tiny-chatml.gguf` at the repository root (this file sits in
 * `packages/gateway/{src,dist}/`), or inside the installed package. Returns the repository path
 * when neither exists, so a message can say where it was expected.
 *
 * @example
 * bundledModelPath(); // '/opt/switchyard/models/tiny-chatml.gguf'
 */
export function bundledModelPath(): string {
  const candidates = [
    new URL(`../../../models/${bundledModelFile}`, import.meta.url),
    new URL(`../models/${bundledModelFile}`, import.meta.url),
  ].map((url) => fileURLToPath(url));
  return candidates.find((path) => existsSync(path)) ?? (candidates[0] as string);
}
