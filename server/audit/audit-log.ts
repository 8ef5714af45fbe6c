// The audit log as admins read it: filtered by who, what, which site and when, newest first, a
// page at a time (the cursor is the last entry's id).
import type { Db } from '@/db/client';
import { listAuditEntries, listAuditVocabulary, type AuditRow } from '@/db/queries/audit';
import { filterAwaitingRescore } from '@/db/queries/qa-calibration';
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
  return { rows: await withholdBlindScores(db, page), nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}

/** Audit actions whose details carry a site evaluation's scores. */
const SCORE_ACTIONS = new Set(['qa.evaluation.update']);

/**
 * An admin may be the one re-scoring blind: while an evaluation waits for its re-score, the
 * entries that hold its scores show that they are withheld instead.
 */
async function withholdBlindScores(db: Db, rows: AuditRow[]): Promise<AuditRow[]> {
  const ids = rows.filter((r) => SCORE_ACTIONS.has(r.action) && r.entityId !== null).map((r) => Number(r.entityId));
  const hidden = await filterAwaitingRescore(db, ids.filter(Number.isSafeInteger));
  if (hidden.size === 0) return rows;
  return rows.map((r) =>
    SCORE_ACTIONS.has(r.action) && hidden.has(Number(r.entityId))
      ? { ...r, details: { externalId: r.details.externalId, withheld: 'Awaiting a blind re-score by HQ' } }
      : r,
  );
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
