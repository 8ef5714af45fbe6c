// Sites: the reference list and its administration.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { sites, type NewSite } from '../schema';

/** Which sites a query may touch: all of them, or one (a site lead's, a site key's). */
export type SiteFilter = { all: true } | { all: false; siteId: number };

export async function listSites(db: Db, filter: SiteFilter) {
  const query = db.select().from(sites);
  return (filter.all ? query : query.where(eq(sites.id, filter.siteId))).orderBy(asc(sites.code));
}

export async function findSiteById(db: Db, id: number) {
  const [row] = await db.select().from(sites).where(eq(sites.id, id)).limit(1);
  return row ?? null;
}

export async function findSiteByCode(db: Db, code: string) {
  const [row] = await db.select().from(sites).where(eq(sites.code, code.trim().toUpperCase())).limit(1);
  return row ?? null;
}

export async function insertSite(db: Db, values: NewSite) {
  const [row] = await db.insert(sites).values(values).returning();
  if (!row) throw new Error('Inserting a site returned no row');
  return row;
}

export type SitePatch = Partial<
  Pick<NewSite, 'name' | 'country' | 'timezone' | 'languages' | 'kind' | 'seats' | 'slaSeconds' | 'reportDeadlineMinute' | 'liveWindow' | 'active'>
>;

export async function updateSiteRow(db: Db, id: number, patch: SitePatch) {
  const [row] = await db
    .update(sites)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(sites.id, id))
    .returning();
  return row ?? null;
}

