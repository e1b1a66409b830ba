import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{src,generators,emulator,suites,reports,test,scripts}/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
