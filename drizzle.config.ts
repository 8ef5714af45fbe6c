import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema and shared by both drivers (PGlite and PostgreSQL):
// keep them to SQL that PostgreSQL 15 and PGlite (PostgreSQL 18) both accept.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  strict: true,
  verbose: true,
});
