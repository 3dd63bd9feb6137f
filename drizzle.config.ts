import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: [
    './src-main/core/db/schema.ts',
    './src-main/core/db/sync-schema.ts',
    './src-main/core/db/handling-schema.ts',
    './src-main/core/db/portal-schema.ts',
  ],
  out: './migrations',
});
