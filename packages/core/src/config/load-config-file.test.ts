// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { loadConfigFile } from './load-config-file.js';

const minimal = {
  backends: { local: { kind: 'embedded', modelPath: 'models/tiny.gguf' } },
  targets: [{ id: 'tiny', backend: 'local', model: 'tiny', capabilities: { contextWindow: 2048 } }],
};

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'switchyard-config-'));
  await writeFile(join(directory, 'switchyard.json'), JSON.stringify(minimal));
  await writeFile(
    join(directory, 'switchyard.yml'),
    'backends:\n  local: { kind: embedded, modelPath: "${MODEL_DIR}/tiny.gguf" }\n' +
      'targets:\n  - { id: tiny, backend: local, model: tiny, capabilities: { contextWindow: 2048 } }\n',
  );
  await writeFile(join(directory, 'switchyard.toml'), 'a = 1');
  await writeFile(join(directory, 'broken.yaml'), 'targets: [\n');
  await mkdir(join(directory, 'folder.yaml'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function errorOf(promise: Promise<unknown>): Promise<InvalidConfigError> {
  try {
    await promise;
  } catch (error) {
    if (InvalidConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected InvalidConfigError');
}

describe('loadConfigFile', () => {
  test('reads JSON by extension and resolves relative paths against the file', async () => {
    const path = join(directory, 'switchyard.json');
    const config = await loadConfigFile(path, { env: {} });
    expect(config.source).toBe(path);
    expect(config.backends[0]?.modelPath).toBe(join(directory, 'models/tiny.gguf'));
    expect(config.metering.ledgerPath).toBe(join(directory, 'switchyard-ledger.jsonl'));
  });

  test('reads .yml and interpolates from the given env', async () => {
    const config = await loadConfigFile(join(directory, 'switchyard.yml'), { env: { MODEL_DIR: '/models' } });
    expect(config.backends[0]?.modelPath).toBe('/models/tiny.gguf');
  });

  test.each([
    ['missing file', 'nope.yaml', /^config .*nope\.yaml: file not found$/],
    [
      'unsupported extension',
      'switchyard.toml',
      /^config .*switchyard\.toml: unsupported file extension; use \.yaml, \.yml or \.json$/,
    ],
    ['a directory', 'folder.yaml', /^config .*folder\.yaml: is a directory, not a config file$/],
    ['bad YAML', 'broken.yaml', /^config .*broken\.yaml is not valid YAML: line 2, column 1: /],
  ])('%s is a clear InvalidConfigError', async (_name, file, message) => {
    const error = await errorOf(loadConfigFile(join(directory, file), { env: {} }));
    expect(error.message).toMatch(message);
    expect(error.issues).toHaveLength(1);
  });

  test('a missing relative path says where it looked', async () => {
    const error = await errorOf(loadConfigFile('no-such-dir/switchyard.yaml', { env: {} }));
    expect(error.message).toBe(
      `config no-such-dir/switchyard.yaml: file not found (looked for ${join(process.cwd(), 'no-such-dir/switchyard.yaml')})`,
    );
  });

  test('validation errors carry the file as source', async () => {
    const error = await errorOf(loadConfigFile(join(directory, 'switchyard.yml'), { env: {} }));
    expect(error.source).toBe(join(directory, 'switchyard.yml'));
    expect(error.issues).toEqual([
      'backends.local.modelPath: environment variable MODEL_DIR is not set (or use ${MODEL_DIR:-default})',
    ]);
  });
});
