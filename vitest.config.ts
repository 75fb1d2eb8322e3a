import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/component/**/*.test.{ts,tsx}', 'test/fake-hubspot/**/*.test.ts', 'test/cli/**/*.test.ts'],
    environment: 'happy-dom',
    testTimeout: 20_000,
    setupFiles: ['test/setup.ts'],
  },
});
