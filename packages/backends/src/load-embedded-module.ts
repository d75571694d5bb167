import { type BackendV1, InvalidConfigError } from '@switchyard/core';

/** The part of `@switchyard/backend-embedded` this package uses. */
export type EmbeddedModule = {
  createEmbedded(settings: { readonly id: string; readonly modelPath: string }): BackendV1;
};

/** Loads `@switchyard/backend-embedded` for the backend `backendId` (named in the error). */
export type EmbeddedModuleLoader = (backendId: string) => Promise<EmbeddedModule>;

/** The package name, in a variable so bundlers and `tsc` leave the import lazy. */
const embeddedPackage = '@switchyard/backend-embedded';

/**
 * Imports `@switchyard/backend-embedded` on demand, so node-llama-cpp is loaded only by programs
 * that configure an `embedded` backend. When the package is not installed, throws an
 * {@link InvalidConfigError} naming the backend and the install command. `importModule` replaces
 * the dynamic `import()` (tests).
 *
 * @example
 * const { createEmbedded } = await loadEmbeddedModule('local');
 */
export async function loadEmbeddedModule(
  backendId: string,
  importModule: (specifier: string) => Promise<unknown> = (specifier) => import(specifier),
): Promise<EmbeddedModule> {
  let module: Partial<EmbeddedModule>;
  try {
    module = (await importModule(embeddedPackage)) as Partial<EmbeddedModule>;
  } catch (error) {
    if (!isMissingPackage(error)) throw error;
    const issue =
      `backends.${backendId}: kind 'embedded' needs the package ${embeddedPackage}, which is not ` +
      `installed; run \`npm install ${embeddedPackage}\``;
    throw new InvalidConfigError({ message: `invalid config: ${issue}`, issues: [issue], cause: error });
  }
  if (typeof module.createEmbedded !== 'function') {
    throw new TypeError(`${embeddedPackage} does not export createEmbedded; its version does not match`);
  }
  return module as EmbeddedModule;
}

function isMissingPackage(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : '';
  return (
    (code === 'ERR_MODULE_NOT_FOUND' ||
      code === 'MODULE_NOT_FOUND' ||
      /Cannot find (module|package)/.test(message)) &&
    message.includes(embeddedPackage)
  );
}
