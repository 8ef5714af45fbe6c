// A site's saved CSV column mappings: list, read one, write (insert or replace by name), delete.
import { aliasedTable, and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { importMappings, users, type ImportMappingRow } from '../schema';
import type { CsvMapping } from '@/lib/importers/csv-mapping';

/** A stored mapping with the names of who wrote it first and last (null once the account is gone or a script wrote it). */
export type ImportMappingListRow = ImportMappingRow & { createdByName: string | null; updatedByName: string | null };

const creators = aliasedTable(users, 'creators');
const updaters = aliasedTable(users, 'updaters');

export async function listImportMappingRows(db: Db, siteId: number): Promise<ImportMappingListRow[]> {
  const rows = await db
    .select({ row: importMappings, createdByName: creators.name, updatedByName: updaters.name })
    .from(importMappings)
    .leftJoin(creators, eq(creators.id, importMappings.createdBy))
    .leftJoin(updaters, eq(updaters.id, importMappings.updatedBy))
    .where(eq(importMappings.siteId, siteId))
    .orderBy(asc(importMappings.name));
  return rows.map(({ row, createdByName, updatedByName }) => ({ ...row, createdByName, updatedByName }));
}

export async function findImportMappingRow(db: Db, siteId: number, name: string): Promise<ImportMappingRow | null> {
  const [row] = await db
    .select()
    .from(importMappings)
    .where(and(eq(importMappings.siteId, siteId), eq(importMappings.name, name)));
  return row ?? null;
}

/** Inserts the mapping, or replaces the one of the same name (its creation kept). */
export async function upsertImportMappingRow(db: Db, values: { siteId: number; mapping: CsvMapping; userId: number | null }, at: Date): Promise<ImportMappingRow> {
  const [row] = await db
    .insert(importMappings)
    .values({ siteId: values.siteId, name: values.mapping.name, mapping: values.mapping, createdBy: values.userId, createdAt: at, updatedBy: values.userId, updatedAt: at })
    .onConflictDoUpdate({ target: [importMappings.siteId, importMappings.name], set: { mapping: values.mapping, updatedBy: values.userId, updatedAt: at } })
    .returning();
  if (!row) throw new Error('Saving an import mapping returned no row');
  return row;
}

export async function deleteImportMappingRow(db: Db, siteId: number, name: string): Promise<ImportMappingRow | null> {
  const [row] = await db
    .delete(importMappings)
    .where(and(eq(importMappings.siteId, siteId), eq(importMappings.name, name)))
    .returning();
  return row ?? null;
}
