// Sites: the reference list, its administration, and the "network at a glance" sums.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { rowsOf } from '../client';
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
  Pick<NewSite, 'name' | 'country' | 'timezone' | 'languages' | 'kind' | 'seats' | 'slaSeconds' | 'reportDeadlineMinute' | 'active'>
>;

export async function updateSiteRow(db: Db, id: number, patch: SitePatch) {
  const [row] = await db
    .update(sites)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(sites.id, id))
    .returning();
  return row ?? null;
}

export type SiteGlanceRow = {
  id: number;
  code: string;
  name: string;
  country: string;
  kind: 'onshore' | 'nearshore' | 'offshore';
  timezone: string;
  /** The site-local date of "yesterday" as of the given instant, YYYY-MM-DD. */
  yesterday: string;
  handledYesterday: number;
  callsYesterday: number;
  /** The seven complete site-local days ending yesterday. */
  handledLast7Days: number;
  callsLast7Days: number;
  /** Epoch milliseconds of the last accepted push, or null when the site never pushed. */
  lastPushAtMs: number | null;
};

/**
 * For each active site in the filter: calls over its own site-local yesterday and the seven days
 * ending yesterday, read from the site_day rollup, and when its feed last pushed. Each site's
 * "yesterday" is computed in its own time zone, so Port Louis and Paris may differ at midnight.
 */
export async function siteGlance(db: Db, filter: SiteFilter, now: Date): Promise<SiteGlanceRow[]> {
  const scope = filter.all ? sql`true` : sql`s.id = ${filter.siteId}`;
  const result = await db.execute(sql`
    select s.id, s.code, s.name, s.country, s.kind::text as kind, s.timezone,
      to_char(t.today - 1, 'YYYY-MM-DD') as yesterday,
      coalesce(sum(d.handled) filter (where d.day = t.today - 1), 0)::int as "handledYesterday",
      coalesce(sum(d.calls) filter (where d.day = t.today - 1), 0)::int as "callsYesterday",
      coalesce(sum(d.handled), 0)::int as "handledLast7Days",
      coalesce(sum(d.calls), 0)::int as "callsLast7Days",
      (extract(epoch from f.last_push_at) * 1000)::float8 as "lastPushAtMs"
    from sites s
    cross join lateral (select (${now.toISOString()}::timestamptz at time zone s.timezone)::date as today) t
    left join site_day d on d.site_id = s.id and d.day between t.today - 7 and t.today - 1
    left join site_feeds f on f.site_id = s.id
    where s.active and ${scope}
    group by s.id, t.today, f.last_push_at
    order by s.code
  `);
  return rowsOf<SiteGlanceRow>(result);
}
