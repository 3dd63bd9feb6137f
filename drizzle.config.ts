import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: [
    './src-main/core/db/schema.ts',
    './src-main/core/db/sync-schema.ts',
    './src-main/core/db/handling-schema.ts',
  ],
  out: './migrations',
});
