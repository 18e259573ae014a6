// Shared vitest settings for every Tessera package: node environment, tests beside the code,
// single fork per file so that tfjs-core's global engine starts clean in each test file.
import { defineConfig } from 'vitest/config';

/**
 * @param {import('vitest/config').UserConfig['test']} [overrides]
 * @example
 * // packages/x/vitest.config.ts
 * import { preset } from '@tessera/tooling/vitest';
 * export default preset({ testTimeout: 60_000 });
 */
export function preset(overrides = {}) {
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      pool: 'forks',
      testTimeout: 60_000,
      // Packages that are still placeholders have no tests yet.
      passWithNoTests: true,
      hookTimeout: 60_000,
      // The JSON report feeds tooling/scripts/test-summary.mjs, which prints CI's totals line.
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results/vitest.json' },
      ...overrides,
    },
  });
}
