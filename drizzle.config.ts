import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes reviewed SQL migrations from the per-domain schema files.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/audit/schema.ts', './src/domains/*/schema.ts'],
  out: './migrations',
});
