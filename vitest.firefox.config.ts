import { defineConfig } from 'vitest/config';

// Firefox browser tests: one Firefox ESR per file, files one at a time (2 cores), generous
// timeouts because a shared machine can be slow; no timing is asserted.
export default defineConfig({
  test: {
    include: ['e2e/firefox/**/*.ff.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.output/firefox-results.json' },
  },
});
