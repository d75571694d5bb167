import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the public data sets come from, by top-level folder under `data/`. Named in every
 * "file missing" message so a user can fetch the same files.
 */
const dataOrigins: Readonly<Record<string, string>> = {
  prompts:
    'Arena-Hard v0.1 and v2.0 questions from github.com/lmarena/arena-hard-auto (Apache-2.0), saved as data/prompts/arena-hard-v0.1_question.jsonl and data/prompts/arena-hard-v2.0_question.jsonl',
  routing:
    'RouteLLM evals (github.com/lm-sys/RouteLLM, commit 0b64fdaf, routellm/evals/) and arena-bench v1 (github.com/lmarena/arena-hard-auto, commit 4a705dd), both Apache-2.0, converted to data/routing/train.jsonl',
  tools:
    'Berkeley Function Calling Leaderboard v4 (github.com/ShishirPatil/gorilla, commit 6ea57973, berkeley-function-call-leaderboard/bfcl_eval/data/, Apache-2.0): question/, possible_answer/ and multi_turn_func_doc/',
};

/**
 * The folder that holds the shared public data (`data/`, `models/`): the `SWITCHYARD_SHARED_DIR`
 * environment variable when set, else `shared/` beside the repository (`<repo>/../shared`).
 *
 * @example
 * const sharedDir = sharedDataDirectory(); // '/work/shared' for a checkout at /work/main
 */
export function sharedDataDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  const fromEnvironment = environment.SWITCHYARD_SHARED_DIR;
  if (fromEnvironment !== undefined && fromEnvironment !== '') return resolve(fromEnvironment);
  // This file is bench/src/shared-data.ts (or bench/dist/shared-data.js): the repo is two levels up.
  const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
  return resolve(repositoryRoot, '..', 'shared');
}

/**
 * Thrown when a data file the bench reads is not there; the message names the path and where the
 * public data comes from.
 *
 * @example
 * try {
 *   loadWorkloadSources(sharedDir);
 * } catch (error) {
 *   if (error instanceof MissingSharedDataError) console.error(error.message);
 * }
 */
export class MissingSharedDataError extends Error {
  /** Absolute path of the missing file. */
  readonly path: string;

  constructor(path: string, relativePath: string) {
    const folder = relativePath.split('/')[1] ?? '';
    const origin = dataOrigins[folder] ?? 'the public sets listed in shared/data/README.md';
    super(
      `missing data file ${path}. The bench reads public data in place from <shared>/${relativePath} ` +
        `(shared = SWITCHYARD_SHARED_DIR, else ../shared beside the repository). ` +
        `Get it from: ${origin}.`,
    );
    this.name = 'MissingSharedDataError';
    this.path = path;
  }
}

/**
 * Absolute path of a file under the shared folder, checked to exist.
 *
 * @throws {MissingSharedDataError} naming the path and where the public data comes from.
 * @example
 * const file = sharedDataPath(sharedDir, 'data/prompts/arena-hard-v2.0_question.jsonl');
 */
export function sharedDataPath(sharedDir: string, relativePath: string): string {
  const path = join(sharedDir, relativePath);
  if (!existsSync(path)) throw new MissingSharedDataError(path, relativePath);
  return path;
}

/**
 * Whether every listed file exists under the shared folder (tests use it to skip with a reason).
 *
 * @example
 * const present = hasSharedData(sharedDataDirectory(), ['data/routing/train.jsonl']);
 */
export function hasSharedData(sharedDir: string, relativePaths: readonly string[]): boolean {
  return relativePaths.every((relativePath) => existsSync(join(sharedDir, relativePath)));
}
