// Calibration: HQ's worklists of site evaluations to re-score blind, and the site/HQ score pairs
// the calibration gap is computed from.
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../client';
import type { QaCategory } from '../schema';

function intArray(values: readonly number[]): SQL {
  return sql`${`{${values.map((v) => String(Math.trunc(v))).join(',')}}`}::text::int4[]`;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** Site evaluations of a period that may join a worklist: scored, not re-scored, in none yet. */
function eligible(siteId: number, from: string, to: string): SQL {
  return sql`
    from qa_evaluations e
    where e.site_id = ${siteId} and e.scope = 'site' and e.score is not null
      and e.local_day between ${from}::date and ${to}::date
      and not exists (select 1 from qa_evaluations h where h.site_id = e.site_id and h.calibrates_id = e.id and h.scope = 'hq')
      and not exists (select 1 from qa_calibration_items i where i.site_id = e.site_id and i.evaluation_id = e.id)`;
}

export async function countEligibleForSample(db: Db, args: { siteId: number; from: string; to: string }): Promise<number> {
  const rows = rowsOf<{ n: string | number }>(await db.execute(sql`select count(*)::int8 as n ${eligible(args.siteId, args.from, args.to)}`));
  return Number(rows[0]?.n ?? 0);
}

/** Class of the advisory lock that serialises the worklist draws of one site. */
const CALIBRATION_LOCK_CLASS = 4_243;

/** Holds the site's calibration lock until the transaction ends: two draws never pick the same call. */
export async function lockSiteCalibration(tx: Db, siteId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CALIBRATION_LOCK_CLASS}, ${siteId}::int)`);
}

/**
 * Draws up to `count` eligible evaluations into a new worklist. The order is a hash of the seed
 * and the evaluation id: random-looking, the same on both database drivers, and reproducible.
 * Call under lockSiteCalibration.
 */
export async function insertSample(
  tx: Db,
  args: { siteId: number; from: string; to: string; count: number; seed: string; requestedBy: number | null },
): Promise<{ id: number; evaluationIds: number[] }> {
  const [sample] = rowsOf<{ id: number }>(
    await tx.execute(sql`
      insert into qa_calibration_samples (site_id, period_from, period_to, requested_count, seed, requested_by)
      values (${args.siteId}, ${args.from}::date, ${args.to}::date, ${args.count}, ${args.seed}, ${args.requestedBy}::int)
      returning id`),
  );
  if (!sample) throw new Error('insertSample returned no row');
  const items = rowsOf<{ evaluation_id: string | number }>(
    await tx.execute(sql`
      insert into qa_calibration_items (site_id, sample_id, evaluation_id)
      select ${args.siteId}, ${sample.id}, picked.id from (
        select e.id ${eligible(args.siteId, args.from, args.to)}
        order by md5(${args.seed} || ':' || e.id::text) collate "C", e.id
        limit ${args.count}
      ) picked
      returning evaluation_id`),
  );
  return { id: sample.id, evaluationIds: items.map((r) => Number(r.evaluation_id)).sort((a, b) => a - b) };
}

export type SampleRow = {
  id: number;
  siteId: number;
  siteCode: string;
  siteName: string;
  periodFrom: string;
  periodTo: string;
  requestedCount: number;
  seed: string;
  requestedBy: string | null;
  createdAt: Date;
  items: number;
  done: number;
};

/** Worklists, newest first. */
export async function listSamples(db: Db, args: { siteIds: number[]; limit: number; sampleId?: number }): Promise<SampleRow[]> {
  if (args.siteIds.length === 0) return [];
  const rows = rowsOf<{
    id: number;
    site_id: number;
    site_code: string;
    site_name: string;
    period_from: string;
    period_to: string;
    requested_count: number;
    seed: string;
    requested_by: string | null;
    created_at: string | Date;
    items: string | number;
    done: string | number;
  }>(
    await db.execute(sql`
      select cs.id, cs.site_id, s.code as site_code, s.name as site_name,
        to_char(cs.period_from, 'YYYY-MM-DD') as period_from, to_char(cs.period_to, 'YYYY-MM-DD') as period_to,
        cs.requested_count, cs.seed, u.name as requested_by, cs.created_at,
        (select count(*) from qa_calibration_items i where i.site_id = cs.site_id and i.sample_id = cs.id)::int8 as items,
        (select count(*) from qa_calibration_items i
          where i.site_id = cs.site_id and i.sample_id = cs.id and i.done_at is not null)::int8 as done
      from qa_calibration_samples cs
      join sites s on s.id = cs.site_id
      left join users u on u.id = cs.requested_by
      where cs.site_id = any(${intArray(args.siteIds)}) ${args.sampleId === undefined ? sql`` : sql`and cs.id = ${args.sampleId}`}
      order by cs.created_at desc, cs.id desc
      limit ${args.limit}`),
  );
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    siteCode: r.site_code,
    siteName: r.site_name,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    requestedCount: r.requested_count,
    seed: r.seed,
    requestedBy: r.requested_by,
    createdAt: new Date(r.created_at),
    items: Number(r.items),
    done: Number(r.done),
  }));
}

export type SampleItemRow = {
  evaluationId: number;
  agentRef: string;
  callExternalId: string | null;
  evaluatedAt: Date;
  day: string;
  formCode: string;
  formVersion: number;
  doneAt: Date | null;
  hqEvaluationId: number | null;
};

/**
 * The items of a worklist. Deliberately without the site's score or comment: this is what HQ
 * works from when it re-scores blind.
 */
export async function listSampleItems(db: Db, siteId: number, sampleId: number): Promise<SampleItemRow[]> {
  const rows = rowsOf<{
    evaluation_id: string | number;
    agent_ref: string;
    call_external_id: string | null;
    evaluated_at: string | Date;
    day: string;
    form_code: string;
    form_version: number;
    done_at: string | Date | null;
    hq_id: string | number | null;
  }>(
    await db.execute(sql`
      select i.evaluation_id, e.agent_ref, e.call_external_id, e.evaluated_at,
        to_char(e.local_day, 'YYYY-MM-DD') as day, f.code as form_code, f.version as form_version,
        i.done_at, h.id as hq_id
      from qa_calibration_items i
      join qa_evaluations e on e.site_id = i.site_id and e.id = i.evaluation_id
      join qa_forms f on f.id = e.form_id
      left join qa_evaluations h on h.site_id = e.site_id and h.calibrates_id = e.id and h.scope = 'hq'
      where i.site_id = ${siteId} and i.sample_id = ${sampleId}
      order by e.evaluated_at, e.id`),
  );
  return rows.map((r) => ({
    evaluationId: Number(r.evaluation_id),
    agentRef: r.agent_ref,
    callExternalId: r.call_external_id,
    evaluatedAt: new Date(r.evaluated_at),
    day: r.day,
    formCode: r.form_code,
    formVersion: r.form_version,
    doneAt: r.done_at === null ? null : new Date(r.done_at),
    hqEvaluationId: num(r.hq_id),
  }));
}

export type RescoreTaskRow = {
  sampleId: number;
  doneAt: Date | null;
  evaluationId: number;
  agentRef: string;
  callExternalId: string | null;
  evaluatedAt: Date;
  day: string;
  formId: number;
  formCode: string;
  formVersion: number;
  formName: string;
  call: { startedAt: Date; direction: 'inbound' | 'outbound'; queue: string; handleSeconds: number } | null;
  hqDisputeStatus: 'none' | 'open' | 'upheld' | 'rejected' | null;
};

/**
 * What HQ needs to re-score a worklist item blind: the call and the form, never the site's scores,
 * score, comment or evaluator. Null when the evaluation is in no worklist.
 */
export async function findRescoreTask(db: Db, siteId: number, evaluationId: number): Promise<RescoreTaskRow | null> {
  const rows = rowsOf<{
    sample_id: number;
    done_at: string | Date | null;
    evaluation_id: string | number;
    agent_ref: string;
    call_external_id: string | null;
    evaluated_at: string | Date;
    day: string;
    form_id: number;
    form_code: string;
    form_version: number;
    form_name: string;
    call_started_at: string | Date | null;
    direction: 'inbound' | 'outbound' | null;
    queue: string | null;
    handle_seconds: number | null;
    dispute_status: RescoreTaskRow['hqDisputeStatus'];
  }>(
    await db.execute(sql`
      select i.sample_id, i.done_at, e.id as evaluation_id, e.agent_ref, e.call_external_id, e.evaluated_at,
        to_char(e.local_day, 'YYYY-MM-DD') as day,
        f.id as form_id, f.code as form_code, f.version as form_version, f.name as form_name,
        c.started_at as call_started_at, c.direction, c.queue, (c.talk_seconds + c.hold_seconds + c.wrap_seconds) as handle_seconds,
        h.dispute_status
      from qa_calibration_items i
      join qa_evaluations e on e.site_id = i.site_id and e.id = i.evaluation_id and e.scope = 'site'
      join qa_forms f on f.id = e.form_id
      left join call_records c on c.site_id = e.site_id and c.external_id = e.call_external_id
      left join qa_evaluations h on h.site_id = e.site_id and h.calibrates_id = e.id and h.scope = 'hq'
      where i.site_id = ${siteId} and i.evaluation_id = ${evaluationId}`),
  );
  const r = rows[0];
  if (!r) return null;
  return {
    sampleId: r.sample_id,
    doneAt: r.done_at === null ? null : new Date(r.done_at),
    evaluationId: Number(r.evaluation_id),
    agentRef: r.agent_ref,
    callExternalId: r.call_external_id,
    evaluatedAt: new Date(r.evaluated_at),
    day: r.day,
    formId: r.form_id,
    formCode: r.form_code,
    formVersion: r.form_version,
    formName: r.form_name,
    call:
      r.call_started_at === null || r.direction === null || r.queue === null
        ? null
        : { startedAt: new Date(r.call_started_at), direction: r.direction, queue: r.queue, handleSeconds: Number(r.handle_seconds ?? 0) },
    hqDisputeStatus: r.dispute_status,
  };
}

export async function markItemDone(tx: Db, siteId: number, evaluationId: number, at?: Date): Promise<void> {
  await tx.execute(sql`
    update qa_calibration_items set done_at = ${at ? sql`${at.toISOString()}::timestamptz` : sql`now()`}
    where site_id = ${siteId} and evaluation_id = ${evaluationId} and done_at is null`);
}

// ── The calibration gap ──────────────────────────────────────────────────────────────────────

/**
 * Pairs that count in the calibration gap: a scored site evaluation of the period (by its
 * site-local day) and HQ's scored re-score of it, unless a dispute of that re-score was upheld
 * (the site was right: HQ's score no longer stands). The site list is said of each table joined:
 * PostgreSQL carries an equality across a join, not a list, and would read every site's rows.
 */
function pairsFrom(args: { siteIds: number[]; from: string; to: string }, joins: SQL = sql``): SQL {
  return sql`
    from qa_evaluations e
    join qa_evaluations h on h.site_id = e.site_id and h.calibrates_id = e.id and h.scope = 'hq'
    ${joins}
    where e.scope = 'site' and e.site_id = any(${intArray(args.siteIds)}) and h.site_id = any(${intArray(args.siteIds)})
      and e.score is not null and h.score is not null and h.dispute_status <> 'upheld'
      and e.local_day between ${args.from}::date and ${args.to}::date`;
}

export type ScorePair = { siteId: number; day: string; site: number; hq: number };

export async function listScorePairs(db: Db, args: { siteIds: number[]; from: string; to: string }): Promise<ScorePair[]> {
  if (args.siteIds.length === 0) return [];
  const rows = rowsOf<{ site_id: number; day: string; site_score: number; hq_score: number }>(
    await db.execute(sql`
      select e.site_id, to_char(e.local_day, 'YYYY-MM-DD') as day,
        e.score as site_score, h.score as hq_score
      ${pairsFrom(args)}
      order by e.site_id, e.evaluated_at, e.id`),
  );
  return rows.map((r) => ({ siteId: r.site_id, day: r.day, site: Number(r.site_score), hq: Number(r.hq_score) }));
}

export type CriterionGapSums = {
  siteId: number;
  key: string;
  label: string;
  category: QaCategory;
  pairs: number;
  /** Σ (site − HQ) and Σ |site − HQ|, each score as a percentage of the criterion's maximum. */
  diffSum: number;
  absSum: number;
};

/** Per site and criterion key (across form versions), the sums of the per-criterion gaps. */
export async function criterionGapSums(db: Db, args: { siteIds: number[]; from: string; to: string }): Promise<CriterionGapSums[]> {
  if (args.siteIds.length === 0) return [];
  const rows = rowsOf<{
    site_id: number;
    key: string;
    label: string;
    category: QaCategory;
    pairs: string | number;
    diff_sum: number;
    abs_sum: number;
  }>(
    await db.execute(sql`
      select e.site_id, c.key, (array_agg(c.label order by c.id desc))[1] as label,
        (array_agg(c.category order by c.id desc))[1] as category, count(*)::int8 as pairs,
        sum((ss.score - hs.score) / c.max_score * 100)::float8 as diff_sum,
        sum(abs(ss.score - hs.score) / c.max_score * 100)::float8 as abs_sum
      ${pairsFrom(
        args,
        sql`join qa_scores ss on ss.site_id = e.site_id and ss.evaluation_id = e.id and ss.score is not null
              and ss.site_id = any(${intArray(args.siteIds)})
            join qa_scores hs on hs.site_id = h.site_id and hs.evaluation_id = h.id and hs.criterion_id = ss.criterion_id
              and hs.score is not null
            join qa_criteria c on c.id = ss.criterion_id`,
      )}
      group by e.site_id, c.key
      order by e.site_id, min(c.position), c.key`),
  );
  return rows.map((r) => ({
    siteId: r.site_id,
    key: r.key,
    label: r.label,
    category: r.category,
    pairs: Number(r.pairs),
    diffSum: Number(r.diff_sum),
    absSum: Number(r.abs_sum),
  }));
}

// ── Evaluations awaiting their blind re-score ───────────────────────────────────────────────

/**
 * True for a site evaluation (`siteId`, `evaluationId`) drawn into a worklist and not yet
 * re-scored by HQ: no figure HQ reads may count it (see server/qa/blind-rescore.ts).
 */
export function awaitingRescore(siteId: SQL, evaluationId: SQL): SQL {
  return sql`exists (
    select 1 from qa_calibration_items ci
    where ci.site_id = ${siteId} and ci.evaluation_id = ${evaluationId} and ci.done_at is null
      and not exists (
        select 1 from qa_evaluations ch where ch.site_id = ci.site_id and ch.calibrates_id = ci.evaluation_id and ch.scope = 'hq'))`;
}

export type AwaitingRescoreRow = { siteId: number; evaluationId: number; evaluatedAt: Date; score: number | null };

/** The site evaluations of these sites that wait for their blind re-score (a few per worklist). */
export async function listAwaitingRescore(db: Db, siteIds: readonly number[]): Promise<AwaitingRescoreRow[]> {
  if (siteIds.length === 0) return [];
  const rows = rowsOf<{ site_id: number; id: string | number; evaluated_at: string | Date; score: number | null }>(
    await db.execute(sql`
      select e.site_id, e.id, e.evaluated_at, e.score
      from qa_calibration_items i
      join qa_evaluations e on e.site_id = i.site_id and e.id = i.evaluation_id and e.scope = 'site'
      where i.site_id = any(${intArray(siteIds)}) and ${awaitingRescore(sql`i.site_id`, sql`i.evaluation_id`)}`),
  );
  return rows.map((r) => ({ siteId: r.site_id, evaluationId: Number(r.id), evaluatedAt: new Date(r.evaluated_at), score: num(r.score) }));
}

/** Of these evaluation ids (unique across sites), the ones awaiting their blind re-score. */
export async function filterAwaitingRescore(db: Db, evaluationIds: readonly number[]): Promise<Set<number>> {
  if (evaluationIds.length === 0) return new Set();
  const list = sql`${`{${evaluationIds.map((v) => String(Math.trunc(v))).join(',')}}`}::text::int8[]`;
  const rows = rowsOf<{ evaluation_id: string | number }>(
    await db.execute(sql`
      select i.evaluation_id from qa_calibration_items i
      where i.evaluation_id = any(${list}) and ${awaitingRescore(sql`i.site_id`, sql`i.evaluation_id`)}`),
  );
  return new Set(rows.map((r) => Number(r.evaluation_id)));
}
