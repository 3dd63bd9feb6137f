// The packaging and security checks (`npm run test:packaging`), apart from the unit suite: they
// pack the whole app with electron-builder, which wants the built renderer as well as main.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/packaging/**/*.test.ts'],
    globalSetup: ['tests/packaging/build.global.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
  },
});
