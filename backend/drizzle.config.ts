import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema, committed, and applied at start-up for both drivers.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
});
