// The call sums of a date range computed straight from the raw call records, with the same
// expressions as the rollups (CALL_SUMS). Dashboards never use this: it is the yardstick the
// dashboard benchmark measures the rollups against, and checks them with.
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { rowsOf } from '../client';
import { CALL_SUM_COLUMNS, CALL_SUMS } from './ingest/rollups';

export type RawCallSums = { site_id: number } & Record<string, number>;

export async function sumCallPartsFromRaw(db: Db, args: { siteIds: number[] | 'all'; from: string; to: string }): Promise<RawCallSums[]> {
  const siteFilter = args.siteIds === 'all' ? sql`true` : sql`s.id = any(${`{${args.siteIds.join(',')}}`}::int[])`;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with r as (
        select s.id as site_id, c.local_day as day, c.direction, c.wait_seconds, c.talk_seconds, c.hold_seconds,
               c.wrap_seconds, c.abandoned, c.resolved, c.csat, s.sla_seconds
        from sites s
        join call_records c on c.site_id = s.id
          and c.local_day between ${args.from}::date and ${args.to}::date
        where ${siteFilter}
      )
      select * from (select r.site_id, ${CALL_SUMS} from r group by r.site_id) as t(site_id, ${CALL_SUM_COLUMNS})
      order by site_id`),
  );
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as RawCallSums);
}
