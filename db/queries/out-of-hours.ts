// Calls offered outside a site's opening hours, summed from the 15-minute interval rollups
// (site_interval). The opening windows come from the calendar (server/calendar/opening.ts): the
// database is never asked what a local day or an hour is.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../client';
import { columnOf } from './ingest/unnest-arrays';

/** One opening window of a site's local day: [start, end) as instants. */
export type OpeningWindow = { siteId: number; day: string; start: Date; end: Date };

/** The call sums of the intervals that start outside every opening window of their day. */
export type OutOfHoursSums = { siteId: number; offered: number; handled: number; abandoned: number; answeredWithinSla: number };

type Row = { site_id: number; offered: number; handled: number; abandoned: number; answered_within_sla: number };

/**
 * Per site, the sums of the stored intervals from `from` to `to` (site-local days, both included)
 * whose start lies in none of the given windows of the same site and day. A day with no window
 * (closed, a holiday) counts whole. Sites with no such interval are absent.
 */
export async function sumIntervalsOutsideWindows(
  db: Db,
  args: { siteIds: readonly number[]; from: string; to: string; windows: readonly OpeningWindow[] },
): Promise<OutOfHoursSums[]> {
  if (args.siteIds.length === 0) return [];
  const w = args.windows;
  // Each window matches the intervals of its own site and day: the primary key (site_id, day,
  // starts_at) finds them, so the anti-join costs what the range holds, not windows × intervals.
  const result = await db.execute(sql`
    select i.site_id,
      sum(i.offered)::int as offered,
      sum(i.handled)::int as handled,
      sum(i.abandoned)::int as abandoned,
      sum(i.answered_within_sla)::int as answered_within_sla
    from site_interval i
    where i.site_id = any(${columnOf(args.siteIds, 'int4', (id) => id)})
      and i.day between ${args.from}::date and ${args.to}::date
      and not exists (
        select 1
        from unnest(
          ${columnOf(w, 'int4', (x) => x.siteId)},
          ${columnOf(w, 'date', (x) => x.day)},
          ${columnOf(w, 'timestamptz', (x) => x.start.toISOString())},
          ${columnOf(w, 'timestamptz', (x) => x.end.toISOString())}
        ) as o(site_id, day, starts_at, ends_at)
        where o.site_id = i.site_id and o.day = i.day and i.starts_at >= o.starts_at and i.starts_at < o.ends_at
      )
    group by i.site_id
    order by i.site_id`);
  return rowsOf<Row>(result).map((r) => ({
    siteId: Number(r.site_id),
    offered: Number(r.offered),
    handled: Number(r.handled),
    abandoned: Number(r.abandoned),
    answeredWithinSla: Number(r.answered_within_sla),
  }));
}
