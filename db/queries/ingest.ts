// All SQL of the ingest path: upserts of call records and QA evaluations, and the recompute of the
// rollups (site_day, site_queue_day, site_mission_day) for the site-local days a batch touched.
// Every function takes the transaction the batch runs in.
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../client';
import { localDayOf } from '../local-time';
import { auditLog, type AuditEntry } from '../schema';

/**
 * A call that waited less than this before hanging up is a short abandon. The same figure as
 * SHORT_ABANDON_SECONDS in server/kpi/definitions.ts (a test holds them equal; db/ does not import
 * server/).
 */
export const SHORT_ABANDON_SECONDS = 5;

/** Class of the advisory lock that serialises the ingest batches of one site. */
const INGEST_LOCK_CLASS = 4_242;

type ArrayItem = string | number | boolean | null;

// Existing rows are looked up by the keys of a batch one by one, through a lateral subquery kept
// apart by "offset 0" (the planner cannot fold it into a join): each key is one probe of the
// table's unique index, whatever the statistics say. Joined or tested with = any(array), a planner
// without fresh statistics (PGlite never analyzes by itself) may read the whole table for every
// batch, and a seed or a backfill slows down as the table grows.

/**
 * A PostgreSQL array literal, sent as one text parameter and cast in SQL. Both drivers then pass
 * a plain string: postgres.js infers array parameter types from their first element (a boolean
 * array would be sent as a boolean) and needs its array types fetched first, PGlite asks the
 * server; a text literal sidesteps both.
 */
export function pgArrayLiteral(values: readonly ArrayItem[]): string {
  const items = values.map((v) => {
    if (v === null) return 'NULL';
    if (typeof v === 'boolean') return v ? 't' : 'f';
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`Not a finite number: ${v}`);
      return String(v);
    }
    return `"${v.replace(/[\\"]/g, '\\$&')}"`;
  });
  return `{${items.join(',')}}`;
}

type ArrayType = 'text' | 'float8' | 'bool' | 'int2' | 'int4' | 'int8' | 'timestamptz' | 'date';

function typedArray(values: readonly ArrayItem[], type: ArrayType): SQL {
  return sql`${pgArrayLiteral(values)}::text::${sql.raw(type)}[]`;
}

function textArray(values: readonly (string | null)[]): SQL {
  return typedArray(values, 'text');
}

/** One field of every row as a typed array: a column of an `unnest(...)` batch. */
function columnOf<R>(rows: readonly R[], type: ArrayType, field: (row: R) => ArrayItem): SQL {
  return typedArray(rows.map(field), type);
}

function instant(at: Date | undefined): SQL {
  return at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
}

// ── Site lock and feed ───────────────────────────────────────────────────────────────────────

export type IngestSite = { id: number; timezone: string; slaSeconds: number; active: boolean };

/**
 * Takes the site's ingest lock for the rest of the transaction and reads the site. Two batches of
 * one site run one after the other, so each rollup recompute sees the other's committed records
 * and the old day of a moved record is read after any concurrent move of it: rollups stay exact.
 * Batches of different sites run side by side.
 */
export async function lockSiteForIngest(tx: Db, siteId: number): Promise<IngestSite | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(${INGEST_LOCK_CLASS}, ${siteId}::int)`);
  const rows = rowsOf<{ id: number; timezone: string; sla_seconds: number; active: boolean }>(
    await tx.execute(sql`select id, timezone, sla_seconds, active from sites where id = ${siteId}`),
  );
  const row = rows[0];
  return row ? { id: row.id, timezone: row.timezone, slaSeconds: row.sla_seconds, active: row.active } : null;
}

/** Records an accepted push, for the freshness of the site's feed. */
export async function touchSiteFeed(tx: Db, siteId: number, kind: 'calls' | 'evaluations', at?: Date): Promise<void> {
  const when = instant(at);
  const column = kind === 'calls' ? sql`last_call_push_at` : sql`last_evaluation_push_at`;
  await tx.execute(sql`
    insert into site_feeds (site_id, last_push_at, ${column}) values (${siteId}, ${when}, ${when})
    on conflict (site_id) do update set
      last_push_at = greatest(site_feeds.last_push_at, excluded.last_push_at),
      ${column} = greatest(site_feeds.${column}, excluded.${column})`);
}

// ── Call records ─────────────────────────────────────────────────────────────────────────────

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

// ── Rollups ──────────────────────────────────────────────────────────────────────────────────

/** The call-sum columns of site_day and site_queue_day, in the order CALL_SUMS computes them. */
export const CALL_SUM_COLUMNS = sql.raw(
  [
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
  ].join(', '),
);

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

/**
 * Recomputes the call sums of site_day, site_queue_day and site_mission_day for the given
 * site-local days from the raw call records. The QA columns of site_day are left as they are; a
 * site_day row with neither calls nor evaluations is removed.
 */
export async function recomputeSiteDays(tx: Db, siteId: number, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  const dayList = typedArray(days, 'date');
  await tx.execute(sql`
    with q as (delete from site_queue_day where site_id = ${siteId} and day = any(${dayList})),
         m as (delete from site_mission_day where site_id = ${siteId} and day = any(${dayList}))
    delete from site_day where site_id = ${siteId} and day = any(${dayList}) and qa_evaluations = 0`);

  await tx.execute(sql`
    with ${daysOfSite(siteId, days)},
    r as materialized (
      select b.day, c.direction, c.queue, c.wait_seconds, c.talk_seconds, c.hold_seconds, c.wrap_seconds,
             c.abandoned, c.resolved, c.csat, c.mission_code, c.outcome, b.sla_seconds
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
    m as (
      insert into site_mission_day (site_id, day, mission_code, outcome, calls)
      -- A mission call without an outcome is kept under the empty outcome: it is an attempt, never a success.
      select ${siteId}, r.day, r.mission_code, coalesce(r.outcome, ''), count(*)
      from r where r.mission_code is not null group by r.day, r.mission_code, coalesce(r.outcome, '')
    )
    insert into site_day (site_id, day, ${CALL_SUM_COLUMNS}, updated_at)
    select ${siteId}, b.day, ${CALL_SUMS}, now()
    from b left join r on r.day = b.day
    group by b.day
    having count(r.day) > 0 or exists (select 1 from site_day s where s.site_id = ${siteId} and s.day = b.day)
    on conflict (site_id, day) do update set ${CALL_SUM_UPDATES}`);
}

/**
 * Recomputes the QA columns of site_day (site-scope evaluations by site-local day of
 * evaluatedAt) for the given days; the call sums are left as they are.
 */
export async function recomputeSiteQaDays(tx: Db, siteId: number, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  await tx.execute(sql`
    with ${daysOfSite(siteId, days)},
    e as materialized (
      select b.day, q.score
      from b cross join lateral (
        select * from qa_evaluations q
        where q.site_id = ${siteId} and q.local_day = b.day and q.scope = 'site'
        offset 0
      ) q
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
    where site_id = ${siteId} and day = any(${typedArray(days, 'date')}) and calls = 0 and qa_evaluations = 0`);
}

// ── QA forms and evaluations ─────────────────────────────────────────────────────────────────

export type IngestFormCriterion = { id: number; key: string; weight: number; maxScore: number; critical: boolean };
export type IngestForm = {
  id: number;
  code: string;
  version: number;
  status: 'draft' | 'published' | 'retired';
  criteria: IngestFormCriterion[];
};

/** Every version of the given form codes, with their criteria. */
export async function listFormVersionsWithCriteria(tx: Db, codes: readonly string[]): Promise<IngestForm[]> {
  if (codes.length === 0) return [];
  const rows = rowsOf<{
    form_id: number;
    code: string;
    version: number;
    status: IngestForm['status'];
    criterion_id: number | null;
    key: string | null;
    weight: number | null;
    max_score: number | null;
    critical: boolean | null;
  }>(
    await tx.execute(sql`
      select f.id as form_id, f.code, f.version, f.status, c.id as criterion_id, c.key, c.weight, c.max_score, c.critical
      from qa_forms f left join qa_criteria c on c.form_id = f.id
      where f.code = any(${textArray(codes)})
      order by f.id, c.position, c.id`),
  );
  const forms = new Map<number, IngestForm>();
  for (const row of rows) {
    let form = forms.get(row.form_id);
    if (!form) {
      form = { id: row.form_id, code: row.code, version: row.version, status: row.status, criteria: [] };
      forms.set(row.form_id, form);
    }
    if (row.criterion_id !== null && row.key !== null) {
      form.criteria.push({
        id: row.criterion_id,
        key: row.key,
        weight: Number(row.weight),
        maxScore: Number(row.max_score),
        critical: row.critical === true,
      });
    }
  }
  return [...forms.values()];
}

export type EvaluationValues = {
  externalId: string;
  /** ISO 8601 with an offset. */
  evaluatedAt: string;
  formId: number;
  agentRef: string;
  callExternalId: string | null;
  evaluator: string;
  score: number | null;
  criticalFailed: boolean;
  comment: string | null;
};

export type EvaluationUpsertResult = {
  /** Evaluation id by external id, for every row of the batch. */
  ids: Map<string, number>;
  /** External ids of inserted evaluations. */
  inserted: Set<string>;
  /** External ids of existing evaluations whose stored fields changed. */
  updated: Set<string>;
  /** Site-local days whose QA rollups changed: new days, and old days of moved evaluations. */
  days: string[];
  /** Existing evaluations now scored on another form version: their old criteria must go. */
  reformed: { evaluationId: number; formId: number }[];
};

/**
 * Upserts site-scope evaluations (their scores are written by upsertEvaluationScores). An
 * evaluation sent again unchanged is left alone. External ids must be distinct in `rows`.
 */
export async function upsertSiteEvaluations(
  tx: Db,
  site: { id: number; timezone: string },
  rows: readonly EvaluationValues[],
  receivedAt?: Date,
): Promise<EvaluationUpsertResult> {
  const result: EvaluationUpsertResult = { ids: new Map(), inserted: new Set(), updated: new Set(), days: [], reformed: [] };
  if (rows.length === 0) return result;
  const externalIds = rows.map((r) => r.externalId);
  if (new Set(externalIds).size !== externalIds.length) {
    throw new Error('upsertSiteEvaluations: external ids must be distinct in one statement');
  }

  const before = rowsOf<{ id: string | number; external_id: string; form_id: number; local_day: string }>(
    await tx.execute(sql`
      select e.id, e.external_id, e.form_id, e.local_day::text as local_day
      from unnest(${textArray(externalIds)}) as i(external_id)
      cross join lateral (
        select * from qa_evaluations e
        where e.site_id = ${site.id} and e.scope = 'site' and e.external_id = i.external_id
        offset 0
      ) e`),
  );
  const oldDay = new Map<string, string>();
  const oldForm = new Map<string, number>();
  for (const row of before) {
    result.ids.set(row.external_id, Number(row.id));
    oldDay.set(row.external_id, row.local_day);
    oldForm.set(row.external_id, row.form_id);
  }
  for (const row of rows) {
    const previous = oldForm.get(row.externalId);
    const id = result.ids.get(row.externalId);
    if (previous !== undefined && previous !== row.formId && id !== undefined) result.reformed.push({ evaluationId: id, formId: row.formId });
  }

  const newDay = new Map(rows.map((r) => [r.externalId, localDayOf(Date.parse(r.evaluatedAt), site.timezone)]));
  const at = instant(receivedAt);
  const changed = rowsOf<{ id: string | number; external_id: string; inserted: boolean }>(
    await tx.execute(sql`
      insert into qa_evaluations as e (
        site_id, scope, external_id, form_id, agent_ref, call_external_id, evaluator, evaluated_at, local_day, score,
        critical_failed, comment, ingested_at, updated_at)
      select ${site.id}, 'site', r.external_id, r.form_id, r.agent_ref, r.call_external_id, r.evaluator, r.evaluated_at,
        r.local_day, r.score, r.critical_failed, r.comment, ${at}, ${at}
      from unnest(
        ${textArray(externalIds)},
        ${columnOf(rows, 'int4', (r) => r.formId)},
        ${columnOf(rows, 'text', (r) => r.agentRef)},
        ${columnOf(rows, 'text', (r) => r.callExternalId)},
        ${columnOf(rows, 'text', (r) => r.evaluator)},
        ${columnOf(rows, 'timestamptz', (r) => r.evaluatedAt)},
        ${columnOf(rows, 'date', (r) => newDay.get(r.externalId) ?? null)},
        ${columnOf(rows, 'float8', (r) => r.score)},
        ${columnOf(rows, 'bool', (r) => r.criticalFailed)},
        ${columnOf(rows, 'text', (r) => r.comment)}
      ) as r(external_id, form_id, agent_ref, call_external_id, evaluator, evaluated_at, local_day, score, critical_failed,
             comment)
      on conflict (site_id, scope, external_id) do update set
        form_id = excluded.form_id, agent_ref = excluded.agent_ref, call_external_id = excluded.call_external_id,
        evaluator = excluded.evaluator, evaluated_at = excluded.evaluated_at, local_day = excluded.local_day,
        score = excluded.score, critical_failed = excluded.critical_failed, comment = excluded.comment,
        updated_at = excluded.updated_at
      where (e.form_id, e.agent_ref, e.call_external_id, e.evaluator, e.evaluated_at, e.local_day, e.score,
             e.critical_failed, e.comment)
        is distinct from
            (excluded.form_id, excluded.agent_ref, excluded.call_external_id, excluded.evaluator, excluded.evaluated_at,
             excluded.local_day, excluded.score, excluded.critical_failed, excluded.comment)
      returning e.id, e.external_id, (e.xmax = 0) as inserted`),
  );

  const days = new Set<string>();
  for (const row of changed) {
    result.ids.set(row.external_id, Number(row.id));
    (row.inserted ? result.inserted : result.updated).add(row.external_id);
    const day = newDay.get(row.external_id);
    if (day) days.add(day);
    const previous = oldDay.get(row.external_id);
    if (previous) days.add(previous);
  }
  result.days = [...days].sort();
  return result;
}

export type ScoreValues = { evaluationId: number; criterionId: number; score: number | null };

/**
 * Writes per-criterion scores: inserts new ones, updates changed ones. Returns the ids of
 * evaluations whose scores changed.
 */
export async function upsertEvaluationScores(tx: Db, siteId: number, rows: readonly ScoreValues[]): Promise<Set<number>> {
  const touched = new Set<number>();
  if (rows.length === 0) return touched;
  const written = rowsOf<{ evaluation_id: string | number }>(
    await tx.execute(sql`
      insert into qa_scores as s (site_id, evaluation_id, criterion_id, score)
      select ${siteId}, r.evaluation_id, r.criterion_id, r.score
      from unnest(
        ${columnOf(rows, 'int8', (r) => r.evaluationId)},
        ${columnOf(rows, 'int4', (r) => r.criterionId)},
        ${columnOf(rows, 'float8', (r) => r.score)}
      ) as r(evaluation_id, criterion_id, score)
      on conflict (site_id, evaluation_id, criterion_id) do update set score = excluded.score
      where s.score is distinct from excluded.score
      returning s.evaluation_id`),
  );
  for (const row of written) touched.add(Number(row.evaluation_id));
  return touched;
}

/**
 * Removes the scores of criteria outside each evaluation's (new) form version: what is left of
 * an evaluation re-sent on another version. Returns the ids of evaluations that lost scores.
 */
export async function deleteScoresOutsideForm(
  tx: Db,
  siteId: number,
  evaluations: readonly { evaluationId: number; formId: number }[],
): Promise<Set<number>> {
  const touched = new Set<number>();
  if (evaluations.length === 0) return touched;
  const removed = rowsOf<{ evaluation_id: string | number }>(
    await tx.execute(sql`
      delete from qa_scores s
      using unnest(
        ${columnOf(evaluations, 'int8', (e) => e.evaluationId)},
        ${columnOf(evaluations, 'int4', (e) => e.formId)}
      ) as x(evaluation_id, form_id)
      where s.site_id = ${siteId} and s.evaluation_id = x.evaluation_id
        and not exists (select 1 from qa_criteria c where c.form_id = x.form_id and c.id = s.criterion_id)
      returning s.evaluation_id`),
  );
  for (const row of removed) touched.add(Number(row.evaluation_id));
  return touched;
}

export type SiteEvaluationForRescore = {
  id: number;
  externalId: string;
  formId: number;
  agentRef: string;
  callExternalId: string | null;
  criteria: IngestFormCriterion[];
};

/** Site-scope evaluations of the site, by id, each with the criteria of its form version. */
export async function findSiteEvaluationsForRescore(
  tx: Db,
  siteId: number,
  evaluationIds: readonly number[],
): Promise<Map<number, SiteEvaluationForRescore>> {
  const found = new Map<number, SiteEvaluationForRescore>();
  if (evaluationIds.length === 0) return found;
  const rows = rowsOf<{
    id: string | number;
    external_id: string;
    form_id: number;
    agent_ref: string;
    call_external_id: string | null;
    criterion_id: number | null;
    key: string | null;
    weight: number | null;
    max_score: number | null;
    critical: boolean | null;
  }>(
    await tx.execute(sql`
      select e.id, e.external_id, e.form_id, e.agent_ref, e.call_external_id,
             c.id as criterion_id, c.key, c.weight, c.max_score, c.critical
      from unnest(${typedArray(evaluationIds, 'int8')}) as i(id)
      cross join lateral (
        select * from qa_evaluations e where e.site_id = ${siteId} and e.id = i.id and e.scope = 'site' offset 0
      ) e
      left join qa_criteria c on c.form_id = e.form_id
      order by e.id, c.position, c.id`),
  );
  for (const row of rows) {
    const id = Number(row.id);
    let evaluation = found.get(id);
    if (!evaluation) {
      evaluation = {
        id,
        externalId: row.external_id,
        formId: row.form_id,
        agentRef: row.agent_ref,
        callExternalId: row.call_external_id,
        criteria: [],
      };
      found.set(id, evaluation);
    }
    if (row.criterion_id !== null && row.key !== null) {
      evaluation.criteria.push({
        id: row.criterion_id,
        key: row.key,
        weight: Number(row.weight),
        maxScore: Number(row.max_score),
        critical: row.critical === true,
      });
    }
  }
  return found;
}

export type HqEvaluationValues = {
  externalId: string;
  calibratesId: number;
  formId: number;
  agentRef: string;
  callExternalId: string | null;
  evaluator: string;
  evaluatedAt: Date;
  score: number | null;
  criticalFailed: boolean;
  comment: string | null;
  createdByUserId: number | null;
};

/**
 * Writes HQ's re-scores of site evaluations; a later re-score of the same one replaces it. Each
 * is stored with the site-local day of its evaluatedAt.
 */
export async function upsertHqEvaluations(
  tx: Db,
  siteId: number,
  rows: readonly HqEvaluationValues[],
): Promise<{ externalId: string; id: number; inserted: boolean }[]> {
  if (rows.length === 0) return [];
  const [site] = rowsOf<{ timezone: string }>(await tx.execute(sql`select timezone from sites where id = ${siteId}`));
  if (!site) throw new Error(`No site ${siteId}`);
  const written = rowsOf<{ id: string | number; external_id: string; inserted: boolean }>(
    await tx.execute(sql`
      insert into qa_evaluations as e (
        site_id, scope, external_id, form_id, agent_ref, call_external_id, evaluator, evaluated_at, local_day, score,
        critical_failed, comment, calibrates_id, created_by_user_id)
      select ${siteId}, 'hq', r.external_id, r.form_id, r.agent_ref, r.call_external_id, r.evaluator, r.evaluated_at,
        r.local_day, r.score, r.critical_failed, r.comment, r.calibrates_id, r.created_by_user_id
      from unnest(
        ${columnOf(rows, 'text', (r) => r.externalId)},
        ${columnOf(rows, 'int4', (r) => r.formId)},
        ${columnOf(rows, 'text', (r) => r.agentRef)},
        ${columnOf(rows, 'text', (r) => r.callExternalId)},
        ${columnOf(rows, 'text', (r) => r.evaluator)},
        ${columnOf(rows, 'timestamptz', (r) => r.evaluatedAt.toISOString())},
        ${columnOf(rows, 'date', (r) => localDayOf(r.evaluatedAt, site.timezone))},
        ${columnOf(rows, 'float8', (r) => r.score)},
        ${columnOf(rows, 'bool', (r) => r.criticalFailed)},
        ${columnOf(rows, 'text', (r) => r.comment)},
        ${columnOf(rows, 'int8', (r) => r.calibratesId)},
        ${columnOf(rows, 'int4', (r) => r.createdByUserId)}
      ) as r(external_id, form_id, agent_ref, call_external_id, evaluator, evaluated_at, local_day, score, critical_failed,
             comment, calibrates_id, created_by_user_id)
      on conflict (site_id, scope, external_id) do update set
        form_id = excluded.form_id, agent_ref = excluded.agent_ref, call_external_id = excluded.call_external_id,
        evaluator = excluded.evaluator, evaluated_at = excluded.evaluated_at, local_day = excluded.local_day,
        score = excluded.score, critical_failed = excluded.critical_failed, comment = excluded.comment,
        created_by_user_id = excluded.created_by_user_id, updated_at = now()
      returning e.id, e.external_id, (e.xmax = 0) as inserted`),
  );
  return written.map((r) => ({ externalId: r.external_id, id: Number(r.id), inserted: r.inserted }));
}

/** Audit rows of a write made of many items (one row per item). */
export async function insertAuditEntries(tx: Db, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(auditLog).values([...entries]);
}
