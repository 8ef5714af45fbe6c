// The audit log as admins read it: filtered by who, what, which site and when, newest first, a
// page at a time (the cursor is the last entry's id).
import type { Db } from '@/db/client';
import { listAuditEntries, listAuditVocabulary, type AuditRow } from '@/db/queries/audit';
import { findSiteByCode, listSites } from '@/db/queries/sites';
import { auditListInput, type AuditListInput } from './audit-input';

export type AuditPage = { rows: AuditRow[]; nextCursor: number | null };

export async function listAuditPage(db: Db, input: AuditListInput): Promise<AuditPage> {
  const { site, cursor, limit, ...filter } = auditListInput.parse(input);
  let siteId: number | undefined;
  if (site) {
    const found = await findSiteByCode(db, site);
    // No such site: no entry can name it.
    if (!found) return { rows: [], nextCursor: null };
    siteId = found.id;
  }
  // One more than a page tells whether another page follows without counting the whole log.
  const rows = await listAuditEntries(db, { filter: { ...filter, siteId }, before: cursor ?? undefined, limit: limit + 1 });
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}

export type AuditFilterOptions = {
  actions: string[];
  entities: string[];
  sites: { code: string; name: string }[];
};

export async function auditFilterOptions(db: Db): Promise<AuditFilterOptions> {
  const [vocabulary, allSites] = await Promise.all([listAuditVocabulary(db), listSites(db, { all: true })]);
  return { ...vocabulary, sites: allSites.map((s) => ({ code: s.code, name: s.name })) };
}
