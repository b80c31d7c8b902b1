import { defineConfig } from 'vitest/config';

// Browser tests: one Chromium per file, files one at a time (2 cores), generous timeouts
// because a shared machine can be slow; no timing is asserted.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.output/e2e-results.json' },
  },
});
