// A site's saved CSV column mappings (lib/importers/csv-mapping.ts): a site lead writes their own
// site's, an admin any site's (naming it), HQ reads them, and a site's key reads its own (the CLI's
// `vigie push --format csv --mapping NAME`). Every write is audited in the transaction that makes it.
import { z } from 'zod';
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { deleteImportMappingRow, findImportMappingRow, listImportMappingRows, upsertImportMappingRow } from '@/db/queries/import-mappings';
import { findSiteByCode, findSiteById } from '@/db/queries/sites';
import { csvMappingSchema, MAPPING_NAME_PATTERN, type CsvMapping } from '@/lib/importers/csv-mapping';
import { siteCode } from '@/lib/sites/site-input';
import type { Actor, Principal } from '@/server/auth/principal';
import { DomainError, forbidden, notFound } from '@/server/errors';
import { invalid, parseOrThrow } from '@/server/contracts/issues';

/** A name never holds '%': one that does came percent-encoded in a REST path (/import-mappings/pbx%20export), which the adapter leaves as it is. */
function decodedName(value: unknown): unknown {
  if (typeof value !== 'string' || !value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const mappingName = z.preprocess(
  decodedName,
  z.string().trim().regex(MAPPING_NAME_PATTERN, 'A mapping name is 1 to 64 letters, digits, spaces, dots, dashes or underscores.'),
);
const site = siteCode.optional().describe("The site's code: required for headquarters; a site lead or a site key may leave it out (their own site).");

export const mappingListInput = z.object({ site }).strict();
export const mappingKeyInput = z.object({ site, name: mappingName }).strict();
export const mappingSaveInput = z.object({ site, mapping: csvMappingSchema }).strict();

export type SavedImportMapping = {
  site: string;
  name: string;
  mapping: CsvMapping;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
};

export const OTHER_SITE_MESSAGE = "A site's mappings are its own: a site lead or a site key reaches only its site's";

/**
 * The site a caller works on: a lead's or a key's own (another code is refused the same whether it
 * exists or not), the one HQ names (required: mappings belong to one site).
 */
export async function mappingSiteOf(db: Db, principal: Principal, code: string | undefined): Promise<{ id: number; code: string }> {
  const ownId = principal.kind === 'site_key' ? principal.siteId : principal.kind === 'user' && principal.role === 'site_lead' ? principal.siteId : undefined;
  if (ownId === null) throw forbidden('This account is not attached to a site');
  if (ownId !== undefined) {
    const own = await findSiteById(db, ownId);
    if (!own || (code !== undefined && code !== own.code)) throw forbidden(OTHER_SITE_MESSAGE);
    return { id: own.id, code: own.code };
  }
  if (code === undefined) throw invalid([{ path: ['site'], message: 'Name the site whose mappings these are.' }]);
  const named = await findSiteByCode(db, code);
  if (!named) throw notFound('Site');
  return { id: named.id, code: named.code };
}

function userIdOf(actor: Actor): number | null {
  return actor.actorType === 'user' || actor.actorType === 'user_token' ? actor.actorId : null;
}

export async function listImportMappings(db: Db, principal: Principal, input: z.input<typeof mappingListInput>): Promise<SavedImportMapping[]> {
  const { site: code } = parseOrThrow(mappingListInput, input);
  const target = await mappingSiteOf(db, principal, code);
  const rows = await listImportMappingRows(db, target.id);
  return rows.map((r) => ({
    site: target.code,
    name: r.name,
    mapping: r.mapping,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdByName,
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedByName,
  }));
}

export async function getImportMapping(db: Db, principal: Principal, input: z.input<typeof mappingKeyInput>): Promise<SavedImportMapping> {
  const { site: code, name } = parseOrThrow(mappingKeyInput, input);
  const target = await mappingSiteOf(db, principal, code);
  const found = (await listImportMappingRows(db, target.id)).find((r) => r.name === name);
  if (!found) throw new DomainError('NOT_FOUND', `The site ${target.code} has no mapping named '${name}'`);
  return {
    site: target.code,
    name: found.name,
    mapping: found.mapping,
    createdAt: found.createdAt.toISOString(),
    createdBy: found.createdByName,
    updatedAt: found.updatedAt.toISOString(),
    updatedBy: found.updatedByName,
  };
}

/** The mapping a site saved under a name (the CLI and the upload page), or null. */
export async function findImportMapping(db: Db, siteId: number, name: string): Promise<CsvMapping | null> {
  const row = await findImportMappingRow(db, siteId, name);
  if (!row) return null;
  const parsed = csvMappingSchema.safeParse(row.mapping);
  return parsed.success ? parsed.data : null;
}

/** Saves a mapping under its name: a new one, or a replacement of the site's mapping of that name. */
export async function saveImportMapping(
  db: Db,
  principal: Principal,
  actor: Actor,
  input: z.input<typeof mappingSaveInput>,
  now: Date,
): Promise<SavedImportMapping> {
  const { site: code, mapping } = parseOrThrow(mappingSaveInput, input);
  const target = await mappingSiteOf(db, principal, code);
  await db.transaction(async (tx) => {
    const before = await findImportMappingRow(tx, target.id, mapping.name);
    await upsertImportMappingRow(tx, { siteId: target.id, mapping, userId: userIdOf(actor) }, now);
    await insertAudit(tx, {
      ...actor,
      action: before ? 'import_mapping.replace' : 'import_mapping.create',
      entity: 'import_mapping',
      entityId: mapping.name,
      siteId: target.id,
      details: { mapping, ...(before ? { replaced: before.mapping } : {}) },
    });
  });
  return getImportMapping(db, principal, { site: target.code, name: mapping.name });
}

export async function removeImportMapping(db: Db, principal: Principal, actor: Actor, input: z.input<typeof mappingKeyInput>): Promise<{ removed: string }> {
  const { site: code, name } = parseOrThrow(mappingKeyInput, input);
  const target = await mappingSiteOf(db, principal, code);
  return db.transaction(async (tx) => {
    const removed = await deleteImportMappingRow(tx, target.id, name);
    if (!removed) throw new DomainError('NOT_FOUND', `The site ${target.code} has no mapping named '${name}'`);
    await insertAudit(tx, { ...actor, action: 'import_mapping.remove', entity: 'import_mapping', entityId: name, siteId: target.id, details: { mapping: removed.mapping } });
    return { removed: name };
  });
}
