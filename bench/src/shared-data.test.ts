import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasSharedData, MissingSharedDataError, sharedDataDirectory, sharedDataPath } from './shared-data.js';
import { loadWorkloadSources } from './workload/workload-sources.js';

const emptyDir = mkdtempSync(join(tmpdir(), 'switchyard-shared-'));
afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

describe('sharedDataDirectory', () => {
  it('uses SWITCHYARD_SHARED_DIR when set', () => {
    expect(sharedDataDirectory({ SWITCHYARD_SHARED_DIR: '/data/switchyard' })).toBe('/data/switchyard');
  });

  it('defaults to shared/ beside the repository', () => {
    const repository = resolve(import.meta.dirname, '..', '..');
    expect(sharedDataDirectory({})).toBe(resolve(repository, '..', 'shared'));
  });
});

describe('sharedDataPath', () => {
  it.each([
    ['data/prompts/arena-hard-v2.0_question.jsonl', 'lmarena/arena-hard-auto'],
    ['data/routing/train.jsonl', 'lm-sys/RouteLLM'],
    ['data/tools/question/BFCL_v4_simple_python.json', 'ShishirPatil/gorilla'],
  ])('names the missing file %s and where to get it', (relativePath, origin) => {
    let thrown: unknown;
    try {
      sharedDataPath(emptyDir, relativePath);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MissingSharedDataError);
    const message = (thrown as Error).message;
    expect(message).toContain(join(emptyDir, relativePath));
    expect(message).toContain(origin);
    expect(message).toContain('SWITCHYARD_SHARED_DIR');
  });

  it('reports presence without throwing', () => {
    expect(hasSharedData(emptyDir, ['data/routing/train.jsonl'])).toBe(false);
    expect(hasSharedData(emptyDir, [])).toBe(true);
  });

  it('makes the workload loader fail with that message', () => {
    expect(() => loadWorkloadSources(emptyDir)).toThrow(
      /missing data file .*arena-hard-v0\.1_question\.jsonl/,
    );
  });
});
