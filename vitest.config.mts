import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/electron/**/*.test.ts',
      'tests/cli/**/*.test.ts',
      'tests/server/**/*.test.ts',
    ],
    globalSetup: ['tests/build-main.global.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
