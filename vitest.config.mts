import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // drizzle's driver imports "better-sqlite3"; we use its API-compatible cipher build.
    alias: { 'better-sqlite3': 'better-sqlite3-multiple-ciphers' },
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/electron/**/*.test.ts', 'tests/cli/**/*.test.ts'],
    server: { deps: { inline: ['drizzle-orm'] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
