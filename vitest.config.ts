import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [
      'lib/**/*.test.ts',
      'demo/**/*.test.ts',
      'components/**/*.test.ts',
      'components/**/*.test.tsx',
      'entrypoints/**/*.test.ts',
      'tests/**/*.test.ts',
      'server/**/*.test.ts',
    ],
    setupFiles: ['tests/setup.ts'],
    environment: 'node',
    reporters: ['default', 'json'],
    outputFile: { json: '.output/vitest-results.json' },
  },
});
