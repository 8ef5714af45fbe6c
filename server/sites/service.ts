// Creating and changing sites: shared by the admin pages (through the router) and the CLI. Each
// write and its audit row commit together.
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { findSiteByCode, findSiteById, insertSite, updateSiteRow, type SitePatch } from '@/db/queries/sites';
import type { Site } from '@/db/schema';
import type { Actor } from '@/server/auth/principal';
import { conflict, notFound } from '@/server/errors';
import {
  createSiteInput,
  minuteOfDay,
  setSiteActiveInput,
  updateSiteInput,
  type CreateSiteInput,
  type SetSiteActiveInput,
  type UpdateSiteInput,
} from '@/lib/sites/site-input';

function audit(db: Db, actor: Actor, action: string, site: Site, details: Record<string, unknown>) {
  return insertAudit(db, { ...actor, action, entity: 'site', entityId: String(site.id), siteId: site.id, details });
}

export async function createSite(db: Db, actor: Actor, input: CreateSiteInput): Promise<Site> {
  const { reportDeadline, ...fields } = createSiteInput.parse(input);
  return db.transaction(async (tx) => {
    if (await findSiteByCode(tx, fields.code)) throw conflict(`A site with code ${fields.code} already exists`);
    const site = await insertSite(tx, { ...fields, reportDeadlineMinute: minuteOfDay(reportDeadline) });
    await audit(tx, actor, 'site.create', site, { ...fields, reportDeadline });
    return site;
  });
}

export async function updateSite(db: Db, actor: Actor, input: UpdateSiteInput): Promise<Site> {
  const { id, reportDeadline, ...fields } = updateSiteInput.parse(input);
  const patch: SitePatch = { ...fields };
  if (reportDeadline !== undefined) patch.reportDeadlineMinute = minuteOfDay(reportDeadline);
  return db.transaction(async (tx) => {
    const before = await findSiteById(tx, id);
    if (!before) throw notFound('Site');
    const site = await updateSiteRow(tx, id, patch);
    if (!site) throw notFound('Site');
    await audit(tx, actor, 'site.update', site, { code: site.code, changes: changesBetween(before, site, Object.keys(patch)) });
    return site;
  });
}

/** Deactivating keeps the site's history; its keys stop working and it leaves the overview. */
export async function setSiteActive(db: Db, actor: Actor, input: SetSiteActiveInput): Promise<Site> {
  const { id, active } = setSiteActiveInput.parse(input);
  return db.transaction(async (tx) => {
    const site = await updateSiteRow(tx, id, { active });
    if (!site) throw notFound('Site');
    await audit(tx, actor, active ? 'site.reactivate' : 'site.deactivate', site, { code: site.code });
    return site;
  });
}

function changesBetween(before: Site, after: Site, keys: string[]): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys as (keyof Site)[]) {
    const from = before[key];
    const to = after[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}
