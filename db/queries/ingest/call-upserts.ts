// The upsert of a batch of call records, each stored with its site-local day (computed here with
// the runtime's tz rules, db/local-time.ts). Call under lockSiteForIngest.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../client';
import { localDayOf } from '../../local-time';
import { columnOf, instant, textArray } from './unnest-arrays';

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
 * Inserts new records and updates changed ones. A record sent again unchanged is left alone and
 * counts as neither inserted nor updated, so a retried batch changes nothing. The external ids
 * must be distinct within `rows`. Call under lockSiteForIngest.
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

  // Each record's site-local day is computed here (db/local-time.ts) and stored with it; only the
  // counts, the days of changed records and the old stored day of updated ones come back. The old
  // day is read by a subquery in RETURNING: a statement does not see its own changes, so the
  // subquery finds the record as it was (and runs for updated records only). A record whose
  // stored day differs from the one the current tz rules give is moved, like any other change.
  const at = instant(receivedAt);
  const [summary] = rowsOf<{ inserted: number; updated: number; days: string | null; old_days: string | null }>(
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
          ${columnOf(rows, 'text', (r) => localDayOf(Date.parse(r.startedAt), site.timezone))}
        ) as r(external_id, direction, queue, agent_ref, started_at, wait_seconds, talk_seconds, hold_seconds,
               wrap_seconds, abandoned, resolved, csat, mission_code, outcome, day)
      ),
      up as (
        insert into call_records as c (
          site_id, external_id, direction, queue, agent_ref, started_at, wait_seconds, talk_seconds,
          hold_seconds, wrap_seconds, abandoned, resolved, csat, mission_code, outcome, local_day, ingested_at, updated_at)
        select ${site.id}, r.external_id, r.direction::call_direction, r.queue, r.agent_ref, r.started_at, r.wait_seconds,
          r.talk_seconds, r.hold_seconds, r.wrap_seconds, r.abandoned, r.resolved, r.csat, r.mission_code, r.outcome,
          r.day::date, ${at}, ${at}
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
            select o.local_day::text from call_records o where o.site_id = c.site_id and o.external_id = c.external_id
          ) end as old_day
      )
      select
        (select count(*) from up where inserted)::int as inserted,
        (select count(*) from up where not inserted)::int as updated,
        (select string_agg(distinct r.day, ',') from up join r on r.external_id = up.external_id) as days,
        (select string_agg(distinct old_day, ',') from up where old_day is not null) as old_days`),
  );
  const days = new Set(summary?.days ? summary.days.split(',') : []);
  for (const day of summary?.old_days ? summary.old_days.split(',') : []) days.add(day);
  return { inserted: summary?.inserted ?? 0, updated: summary?.updated ?? 0, days: [...days].sort() };
}
