// The upsert of a batch of call records, each stored with its site-local day (computed here with
// the runtime's tz rules, db/local-time.ts), and the rollups of the days it touches. Call under
// lockSiteForIngest.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../client';
import { localDayOf } from '../../local-time';
import { addCallsToRollups, addedSiteDays, recomputeSiteDays } from './rollups';
import { columnOf, instant, textArray, typedArray } from './unnest-arrays';

export type CallRecordValues = {
  externalId: string;
  /** ISO 8601 with an offset. */
  startedAt: string;
  direction: 'inbound' | 'outbound';
  queue: string;
  agentRef: string | null;
  waitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapSeconds: number;
  abandoned: boolean;
  resolved: boolean | null;
  csat: number | null;
  missionCode: string | null;
  outcome: string | null;
};

export type CallUpsertResult = {
  inserted: number;
  updated: number;
  /** Site-local days (YYYY-MM-DD) whose rollups changed: new days, and old days of moved records. */
  days: string[];
};

/**
 * Inserts new records and updates changed ones, and leaves the rollups of every day they touch
 * exact. A record sent again unchanged is left alone and counts as neither inserted nor updated,
 * so a retried batch changes nothing. The external ids must be distinct within `rows`. Call under
 * lockSiteForIngest.
 *
 * The rollups follow in two ways. A new record is added to the sums of its interval, queue,
 * mission and agent in the statement that inserts it, so a batch costs what it holds, not what its
 * days already hold. A changed record's old and new days are recomputed in full from the raw records
 * (recomputeSiteDays), as are the new records of those days: a correction never counts twice, and
 * the sums of a changed record are never subtracted with settings (SLA, time zone) other than those
 * they were added with. Either way a day's site_day row is then summed from its intervals.
 */
export async function upsertCallRecords(
  tx: Db,
  site: { id: number; timezone: string },
  rows: readonly CallRecordValues[],
  receivedAt?: Date,
): Promise<CallUpsertResult> {
  if (rows.length === 0) return { inserted: 0, updated: 0, days: [] };
  const ids = rows.map((r) => r.externalId);
  if (new Set(ids).size !== ids.length) throw new Error('upsertCallRecords: external ids must be distinct in one statement');

  // Each record's site-local day is computed here (db/local-time.ts) and stored with it. The old
  // day of an updated record is read by a subquery in RETURNING: a statement does not see its own
  // changes, so the subquery finds the record as it was (and runs for updated records only). A
  // record whose stored day differs from the one the current tz rules give is moved, like any
  // other change.
  const days = rows.map((r) => localDayOf(Date.parse(r.startedAt), site.timezone));
  const at = instant(receivedAt);
  const [summary] = rowsOf<{ inserted: number; updated: number; added_days: string | null; moved_days: string | null }>(
    await tx.execute(sql`
      with r as (
        select * from unnest(
          ${textArray(ids)},
          ${columnOf(rows, 'text', (r) => r.direction)},
          ${columnOf(rows, 'text', (r) => r.queue)},
          ${columnOf(rows, 'text', (r) => r.agentRef)},
          ${columnOf(rows, 'timestamptz', (r) => r.startedAt)},
          ${columnOf(rows, 'float8', (r) => r.waitSeconds)},
          ${columnOf(rows, 'float8', (r) => r.talkSeconds)},
          ${columnOf(rows, 'float8', (r) => r.holdSeconds)},
          ${columnOf(rows, 'float8', (r) => r.wrapSeconds)},
          ${columnOf(rows, 'bool', (r) => r.abandoned)},
          ${columnOf(rows, 'bool', (r) => r.resolved)},
          ${columnOf(rows, 'int2', (r) => r.csat)},
          ${columnOf(rows, 'text', (r) => r.missionCode)},
          ${columnOf(rows, 'text', (r) => r.outcome)},
          ${typedArray(days, 'date')}
        ) as r(external_id, direction, queue, agent_ref, started_at, wait_seconds, talk_seconds, hold_seconds,
               wrap_seconds, abandoned, resolved, csat, mission_code, outcome, day)
      ),
      up as (
        insert into call_records as c (
          site_id, external_id, direction, queue, agent_ref, started_at, wait_seconds, talk_seconds,
          hold_seconds, wrap_seconds, abandoned, resolved, csat, mission_code, outcome, local_day, ingested_at, updated_at)
        select ${site.id}, r.external_id, r.direction::call_direction, r.queue, r.agent_ref, r.started_at, r.wait_seconds,
          r.talk_seconds, r.hold_seconds, r.wrap_seconds, r.abandoned, r.resolved, r.csat, r.mission_code, r.outcome,
          r.day, ${at}, ${at}
        from r
        on conflict (site_id, external_id) do update set
          direction = excluded.direction, queue = excluded.queue, agent_ref = excluded.agent_ref,
          started_at = excluded.started_at, wait_seconds = excluded.wait_seconds, talk_seconds = excluded.talk_seconds,
          hold_seconds = excluded.hold_seconds, wrap_seconds = excluded.wrap_seconds, abandoned = excluded.abandoned,
          resolved = excluded.resolved, csat = excluded.csat, mission_code = excluded.mission_code,
          outcome = excluded.outcome, local_day = excluded.local_day, updated_at = excluded.updated_at
        where (c.direction, c.queue, c.agent_ref, c.started_at, c.wait_seconds, c.talk_seconds, c.hold_seconds,
               c.wrap_seconds, c.abandoned, c.resolved, c.csat, c.mission_code, c.outcome, c.local_day)
          is distinct from
              (excluded.direction, excluded.queue, excluded.agent_ref, excluded.started_at, excluded.wait_seconds,
               excluded.talk_seconds, excluded.hold_seconds, excluded.wrap_seconds, excluded.abandoned,
               excluded.resolved, excluded.csat, excluded.mission_code, excluded.outcome, excluded.local_day)
        returning c.external_id, (c.xmax = 0) as inserted,
          case when c.xmax <> 0 then (
            select o.local_day from call_records o where o.site_id = c.site_id and o.external_id = c.external_id
          ) end as old_day
      ),
      -- Days recomputed in full: the old and new days of the updated records.
      moved as materialized (
        select up.old_day as day from up where not up.inserted
        union
        select r.day from up join r on r.external_id = up.external_id where not up.inserted
      ),
      ${addCallsToRollups(
        site,
        days,
        sql`select r.* from up join r on r.external_id = up.external_id
            where up.inserted and not exists (select 1 from moved where moved.day = r.day)`,
      )}
      select
        (select count(*) from up where inserted)::int as inserted,
        (select count(*) from up where not inserted)::int as updated,
        (select string_agg(distinct n.day::text, ',') from n) as added_days,
        (select string_agg(moved.day::text, ',') from moved) as moved_days`),
  );
  const added = summary?.added_days ? summary.added_days.split(',') : [];
  const moved = summary?.moved_days ? summary.moved_days.split(',') : [];
  await recomputeSiteDays(tx, site, moved);
  await addedSiteDays(tx, site.id, added);
  return { inserted: summary?.inserted ?? 0, updated: summary?.updated ?? 0, days: [...new Set([...added, ...moved])].sort() };
}
