// The recompute of the rollups (site_day, site_interval, site_queue_day, site_mission_day, agent_day,
// the QA columns of site_day, agent_qa_day and agent_qa_category_day) for the site-local days a
// batch touched, from the stored local_day of the raw rows.
// Every function takes the transaction the batch runs in.
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../client';
import { localDayBounds } from '../../local-time';
import { typedArray } from './unnest-arrays';

/**
 * A call that waited less than this before hanging up is a short abandon. The same figure as
 * SHORT_ABANDON_SECONDS in lib/kpi/definitions.ts (a test holds them equal).
 */
export const SHORT_ABANDON_SECONDS = 5;

/** The call-sum columns of site_day, site_interval, site_queue_day and agent_day, in the order CALL_SUMS computes them. */
const CALL_SUM_NAMES = [
  'calls',
  'inbound_calls',
  'outbound_calls',
  'short_abandons',
  'offered',
  'handled',
  'inbound_handled',
  'abandoned',
  'handle_seconds',
  'talk_seconds',
  'hold_seconds',
  'wrap_seconds',
  'inbound_handled_wait_seconds',
  'answered_within_sla',
  'resolved_known',
  'resolved_true',
  'csat_responses',
  'csat_top2',
  'csat_sum',
] as const;

export const CALL_SUM_COLUMNS = sql.raw(CALL_SUM_NAMES.join(', '));

/** The call sums of a group of rows `alias` that hold call sums themselves (a day's intervals). */
function sumsOfSums(alias: string): SQL {
  return sql.raw(CALL_SUM_NAMES.map((c) => `coalesce(sum(${alias}.${c}), 0)`).join(', '));
}

/**
 * The call sums over the rows `r` of a group, in the order of CALL_SUM_COLUMNS (DESIGN "KPI
 * definitions"). `r.day` is never null for a call, so count(r.day) also counts nothing on a
 * left-joined empty day. Short abandons are counted apart and left out of offered and abandoned.
 */
export const CALL_SUMS = sql.raw(`
  count(r.day),
  count(r.day) filter (where r.direction = 'inbound'),
  count(r.day) filter (where r.direction = 'outbound'),
  count(r.day) filter (where r.abandoned and r.wait_seconds < ${SHORT_ABANDON_SECONDS}),
  count(r.day) filter (where r.direction = 'inbound' and not (r.abandoned and r.wait_seconds < ${SHORT_ABANDON_SECONDS})),
  count(r.day) filter (where not r.abandoned),
  count(r.day) filter (where r.direction = 'inbound' and not r.abandoned),
  count(r.day) filter (where r.direction = 'inbound' and r.abandoned and r.wait_seconds >= ${SHORT_ABANDON_SECONDS}),
  coalesce(sum(r.talk_seconds + r.hold_seconds + r.wrap_seconds) filter (where not r.abandoned), 0),
  coalesce(sum(r.talk_seconds) filter (where not r.abandoned), 0),
  coalesce(sum(r.hold_seconds) filter (where not r.abandoned), 0),
  coalesce(sum(r.wrap_seconds) filter (where not r.abandoned), 0),
  coalesce(sum(r.wait_seconds) filter (where r.direction = 'inbound' and not r.abandoned), 0),
  count(r.day) filter (where r.direction = 'inbound' and not r.abandoned and r.wait_seconds <= r.sla_seconds),
  count(r.day) filter (where not r.abandoned and r.resolved is not null),
  count(r.day) filter (where not r.abandoned and r.resolved),
  count(r.csat),
  count(r.day) filter (where r.csat >= 4),
  coalesce(sum(r.csat), 0)`);

const CALL_SUM_UPDATES = sql.raw(
  `calls = excluded.calls, inbound_calls = excluded.inbound_calls, outbound_calls = excluded.outbound_calls,
   short_abandons = excluded.short_abandons, offered = excluded.offered, handled = excluded.handled,
   inbound_handled = excluded.inbound_handled, abandoned = excluded.abandoned, handle_seconds = excluded.handle_seconds,
   talk_seconds = excluded.talk_seconds, hold_seconds = excluded.hold_seconds, wrap_seconds = excluded.wrap_seconds,
   inbound_handled_wait_seconds = excluded.inbound_handled_wait_seconds, answered_within_sla = excluded.answered_within_sla,
   resolved_known = excluded.resolved_known, resolved_true = excluded.resolved_true, csat_responses = excluded.csat_responses,
   csat_top2 = excluded.csat_top2, csat_sum = excluded.csat_sum, updated_at = excluded.updated_at`,
);

/** CTE `b`: each distinct day asked for, with the site's SLA. */
function daysOfSite(siteId: number, days: readonly string[]): SQL {
  const distinct = [...new Set(days)].sort();
  return sql`
    b as (
      select b.day, s.sla_seconds
      from unnest(${typedArray(distinct, 'date')}) as b(day)
      cross join sites s where s.id = ${siteId}
    )`;
}

// The rows of each day are read by a lateral subquery on their stored site-local day, kept apart
// by "offset 0" so the planner cannot fold it into a join: each day is then one probe of the
// (site_id, local_day) index, whatever the table statistics say. Folded, a planner without fresh
// statistics may read every row of the site and filter.

/** Minutes in a site_interval. */
export const INTERVAL_MINUTES = 15;
const INTERVAL_MS = INTERVAL_MINUTES * 60_000;

/**
 * The 15-minute intervals of a site-local day: its first instant and how many there are (96; 92
 * or 100 on a day whose UTC offset changes by an hour). Computed in TypeScript from the site's
 * time zone (db/local-time.ts); interval i starts at start + i × 15 minutes.
 */
export function dayIntervals(day: string, timezone: string): { start: Date; count: number } {
  const { start, end } = localDayBounds(day, timezone);
  return { start, count: Math.max(1, Math.round((end.getTime() - start.getTime()) / INTERVAL_MS)) };
}

/**
 * CTE `b`: each distinct day asked for with its first instant as epoch seconds, its number of
 * 15-minute intervals and the site's SLA. Each day's first instant travels as epoch seconds: a
 * call's interval is then plain arithmetic on its start (no time zone in SQL), grouped on a
 * number, turned into an instant once per interval.
 */
function dayIntervalsOfSite(siteId: number, days: readonly string[], timezone: string): SQL {
  const intervals = days.map((day) => dayIntervals(day, timezone));
  return sql`
    b as (
      select b.day, b.start_epoch, b.intervals, s.sla_seconds
      from unnest(${typedArray(days, 'date')}, ${typedArray(
        intervals.map((i) => i.start.getTime() / 1000),
        'float8',
      )}, ${typedArray(
        intervals.map((i) => i.count),
        'int4',
      )}) as b(day, start_epoch, intervals)
      cross join sites s where s.id = ${siteId}
    )`;
}

/**
 * The first instant (epoch seconds) of the interval of a call that starts at `startedAt` on the
 * day of the `b` row `day` (dayIntervalsOfSite): kept within the day, so that a call filed on a
 * day its start is outside of still counts in one of its intervals.
 */
function intervalStart(startedAt: SQL, day: SQL): SQL {
  const seconds = INTERVAL_MS / 1000;
  return sql`${day}.start_epoch + ${seconds} * least(greatest(
    floor((date_part('epoch', ${startedAt}) - ${day}.start_epoch) / ${seconds}), 0), ${day}.intervals - 1)`;
}

/** The site_day sums of the given days are the sums of their intervals (CTE or table `source`). */
function siteDaySumsFromIntervals(siteId: number, source: SQL): SQL {
  return sql`
    insert into site_day (site_id, day, ${CALL_SUM_COLUMNS}, updated_at)
    select ${siteId}, b.day, ${sumsOfSums('i')}, now()
    from b left join ${source} i on i.day = b.day
    group by b.day
    having count(i.day) > 0 or exists (select 1 from site_day s where s.site_id = ${siteId} and s.day = b.day)
    on conflict (site_id, day) do update set ${CALL_SUM_UPDATES}`;
}

/**
 * Recomputes the call sums of site_day, site_interval, site_queue_day, site_mission_day and
 * agent_day (the calls with an agent reference) for the given site-local days from the raw call
 * records. The QA columns of site_day are left as they are; a site_day row with neither calls nor
 * evaluations is removed. Each call counts in the 15-minute interval of its stored day its start
 * falls in (kept within the day), so a day's intervals always sum to its site_day row. Pass the
 * site's time zone when it is at hand; a bare id reads it.
 */
export async function recomputeSiteDays(tx: Db, site: number | { id: number; timezone: string }, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  const siteId = typeof site === 'number' ? site : site.id;
  const timezone = typeof site === 'number' ? await timezoneOf(tx, site) : site.timezone;
  const distinct = [...new Set(days)].sort();
  const dayList = typedArray(distinct, 'date');
  await tx.execute(sql`
    with q as (delete from site_queue_day where site_id = ${siteId} and day = any(${dayList})),
         m as (delete from site_mission_day where site_id = ${siteId} and day = any(${dayList})),
         i as (delete from site_interval where site_id = ${siteId} and day = any(${dayList})),
         a as (delete from agent_day where site_id = ${siteId} and day = any(${dayList}))
    delete from site_day where site_id = ${siteId} and day = any(${dayList}) and qa_evaluations = 0`);

  await tx.execute(sql`
    with ${dayIntervalsOfSite(siteId, distinct, timezone)},
    r as materialized (
      select b.day, c.direction, c.queue, c.agent_ref, c.wait_seconds, c.talk_seconds, c.hold_seconds, c.wrap_seconds,
             c.abandoned, c.resolved, c.csat, c.mission_code, c.outcome, b.sla_seconds,
             ${intervalStart(sql`c.started_at`, sql`b`)} as starts_at
      from b cross join lateral (
        select * from call_records c
        where c.site_id = ${siteId} and c.local_day = b.day
        offset 0
      ) c
    ),
    q as (
      insert into site_queue_day (site_id, day, queue, ${CALL_SUM_COLUMNS})
      select ${siteId}, r.day, r.queue, ${CALL_SUMS} from r group by r.day, r.queue
    ),
    i as (
      insert into site_interval (site_id, day, starts_at, ${CALL_SUM_COLUMNS})
      select ${siteId}, r.day, to_timestamp(r.starts_at), ${CALL_SUMS} from r group by r.day, r.starts_at
      returning day, ${CALL_SUM_COLUMNS}
    ),
    m as (
      insert into site_mission_day (site_id, day, mission_code, outcome, calls)
      -- A mission call without an outcome is kept under the empty outcome: it is an attempt, never a success.
      select ${siteId}, r.day, r.mission_code, coalesce(r.outcome, ''), count(*)
      from r where r.mission_code is not null group by r.day, r.mission_code, coalesce(r.outcome, '')
    ),
    a as (
      insert into agent_day (site_id, day, agent_ref, ${CALL_SUM_COLUMNS})
      select ${siteId}, r.day, r.agent_ref, ${CALL_SUMS} from r where r.agent_ref is not null group by r.day, r.agent_ref
    )
    -- A day's sums are the sums of its intervals (a few dozen rows rather than every call): the
    -- day and its intervals agree by construction.
    ${siteDaySumsFromIntervals(siteId, sql`i`)}`);
}

/** The ON CONFLICT assignments that add the call sums of `excluded` to those of the row. */
function addedCallSums(table: string): SQL {
  return sql.raw(CALL_SUM_NAMES.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', '));
}

/**
 * The CTEs `b` (dayIntervalsOfSite) and `n`, then the CTEs that add the call sums of the rows of
 * `n` to site_interval, site_queue_day, site_mission_day and agent_day (the calls with an agent
 * reference): for calls counted nowhere yet (new records) on days that are not recomputed in full,
 * in the statement that inserts them. `calls`
 * is a query of the new calls with the columns of a call record (local_day as `day`, a date);
 * `days` must hold each of their days. Then run addedSiteDays for the days of `n`: site_day is
 * summed from the intervals. Call under lockSiteForIngest.
 */
export function addCallsToRollups(site: { id: number; timezone: string }, days: readonly string[], calls: SQL): SQL {
  const siteId = site.id;
  return sql`
    ${dayIntervalsOfSite(siteId, [...new Set(days)].sort(), site.timezone)},
    n as materialized (
      select r.day, r.direction, r.queue, r.agent_ref, r.wait_seconds, r.talk_seconds, r.hold_seconds, r.wrap_seconds,
             r.abandoned, r.resolved, r.csat, r.mission_code, r.outcome, b.sla_seconds,
             ${intervalStart(sql`r.started_at`, sql`b`)} as starts_at
      from (${calls}) r join b on b.day = r.day
    ),
    ni as (
      insert into site_interval as t (site_id, day, starts_at, ${CALL_SUM_COLUMNS})
      select ${siteId}, r.day, to_timestamp(r.starts_at), ${CALL_SUMS} from n r group by r.day, r.starts_at
      on conflict (site_id, day, starts_at) do update set ${addedCallSums('t')}
    ),
    nq as (
      insert into site_queue_day as t (site_id, day, queue, ${CALL_SUM_COLUMNS})
      select ${siteId}, r.day, r.queue, ${CALL_SUMS} from n r group by r.day, r.queue
      on conflict (site_id, day, queue) do update set ${addedCallSums('t')}
    ),
    nm as (
      insert into site_mission_day as t (site_id, day, mission_code, outcome, calls)
      select ${siteId}, r.day, r.mission_code, coalesce(r.outcome, ''), count(*)
      from n r where r.mission_code is not null group by r.day, r.mission_code, coalesce(r.outcome, '')
      on conflict (site_id, day, mission_code, outcome) do update set calls = t.calls + excluded.calls
    ),
    na as (
      insert into agent_day as t (site_id, day, agent_ref, ${CALL_SUM_COLUMNS})
      select ${siteId}, r.day, r.agent_ref, ${CALL_SUMS} from n r where r.agent_ref is not null group by r.day, r.agent_ref
      on conflict (site_id, day, agent_ref) do update set ${addedCallSums('t')}
    )`;
}

/**
 * After addCallsToRollups: the site_day call sums of the days that received calls, summed from
 * their intervals as recomputeSiteDays does, so that a day and its intervals agree by construction.
 */
export async function addedSiteDays(tx: Db, siteId: number, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  await tx.execute(sql`
    with ${daysOfSite(siteId, days)}
    ${siteDaySumsFromIntervals(siteId, sql`(select * from site_interval where site_id = ${siteId} and day in (select day from b))`)}`);
}

async function timezoneOf(tx: Db, siteId: number): Promise<string> {
  const [row] = rowsOf<{ timezone: string }>(await tx.execute(sql`select timezone from sites where id = ${siteId}`));
  if (!row) throw new Error(`recomputeSiteDays: no site ${siteId}`);
  return row.timezone;
}

/**
 * Recomputes the QA columns of site_day, agent_qa_day, agent_qa_category_day and
 * site_qa_category_day (site-scope evaluations by their stored site-local day of evaluatedAt) for
 * the given days; the call sums are left as they are. Per agent: evaluations, scored ones, Σ score
 * and critical fails; per agent and category, and per site and category: Σ criterion percentages
 * (lib/kpi/qa.ts criterionPercent, score / max × 100) over the scores that apply, and how many
 * (per site also from how many evaluations), which db/queries/kpis.ts qaByCategory sums.
 */
export async function recomputeSiteQaDays(tx: Db, siteId: number, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  const dayList = typedArray([...new Set(days)].sort(), 'date');
  // Deleted first, in a statement of their own: rows deleted and inserted again under the same key
  // in one statement would conflict with themselves.
  await tx.execute(sql`
    with c as (delete from agent_qa_category_day where site_id = ${siteId} and day = any(${dayList})),
    k as (delete from site_qa_category_day where site_id = ${siteId} and day = any(${dayList}))
    delete from agent_qa_day where site_id = ${siteId} and day = any(${dayList})`);
  await tx.execute(sql`
    with ${daysOfSite(siteId, days)},
    e as materialized (
      select b.day, q.id, q.agent_ref, q.score, q.critical_failed
      from b cross join lateral (
        select * from qa_evaluations q
        where q.site_id = ${siteId} and q.local_day = b.day and q.scope = 'site'
        offset 0
      ) q
    ),
    a as (
      insert into agent_qa_day (site_id, day, agent_ref, evaluations, scored_evaluations, score_sum, critical_fails)
      select ${siteId}, e.day, e.agent_ref, count(*), count(e.score), coalesce(sum(e.score), 0), count(*) filter (where e.critical_failed)
      from e group by e.day, e.agent_ref
    ),
    -- Each evaluation's scores are one probe of the qa_scores primary key (kept apart by "offset 0").
    s as materialized (
      select e.day, e.id, e.agent_ref, k.category, s.score / k.max_score * 100 as percent
      from e cross join lateral (
        select s.criterion_id, s.score from qa_scores s
        where s.site_id = ${siteId} and s.evaluation_id = e.id and s.score is not null
        offset 0
      ) s
      join qa_criteria k on k.id = s.criterion_id
    ),
    c as (
      insert into agent_qa_category_day (site_id, day, agent_ref, category, percent_sum, scores)
      select ${siteId}, s.day, s.agent_ref, s.category, sum(s.percent), count(*)
      from s group by s.day, s.agent_ref, s.category
    ),
    k as (
      insert into site_qa_category_day (site_id, day, category, percent_sum, scores, evaluations)
      select ${siteId}, s.day, s.category, sum(s.percent), count(*), count(distinct s.id)
      from s group by s.day, s.category
    )
    insert into site_day (site_id, day, qa_evaluations, qa_scored_evaluations, qa_score_sum, updated_at)
    select ${siteId}, b.day, count(e.day), count(e.score), coalesce(sum(e.score), 0), now()
    from b left join e on e.day = b.day
    group by b.day
    on conflict (site_id, day) do update set
      qa_evaluations = excluded.qa_evaluations, qa_scored_evaluations = excluded.qa_scored_evaluations,
      qa_score_sum = excluded.qa_score_sum, updated_at = excluded.updated_at`);
  await tx.execute(sql`
    delete from site_day
    where site_id = ${siteId} and day = any(${dayList}) and calls = 0 and qa_evaluations = 0`);
}
