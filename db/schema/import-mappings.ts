// Column mappings a site saves for "any CSV" (lib/importers/csv-mapping.ts): named per site, read
// by the upload page and by `vigie push --format csv --mapping NAME` with the site's key.
import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { CsvMapping } from '@/lib/importers/csv-mapping';
import { sites } from './sites';
import { users } from './users';

export const importMappings = pgTable(
  'import_mappings',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The mapping as csvMappingSchema parsed it (its name included). */
    mapping: jsonb('mapping').$type<CsvMapping>().notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'import_mappings_pk', columns: [t.siteId, t.name] }),
    check('import_mappings_name', sql`${t.name} ~ '^[A-Za-z0-9 ._-]{1,64}$'`),
    check('import_mappings_object', sql`jsonb_typeof(${t.mapping}) = 'object'`),
  ],
);

export type ImportMappingRow = typeof importMappings.$inferSelect;
export type NewImportMappingRow = typeof importMappings.$inferInsert;
