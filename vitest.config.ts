import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDirectory = fileURLToPath(new URL('./packages/', import.meta.url));

// Tests run against the TypeScript sources, so `npm test` needs no build first:
// `@switchyard/<name>` resolves to `packages/<name>/src/index.ts`.
const alias = readdirSync(packagesDirectory)
  .filter((name) => existsSync(`${packagesDirectory}${name}/src/index.ts`))
  .map((name) => ({
    find: new RegExp(`^@switchyard/${name}$`),
    replacement: `${packagesDirectory}${name}/src/index.ts`,
  }));

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'bench/src/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
