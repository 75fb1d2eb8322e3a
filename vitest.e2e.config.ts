import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built extension in Chromium; one browser at a time on 2 cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
