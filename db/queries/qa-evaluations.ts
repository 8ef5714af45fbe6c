// QA evaluations as people read them: filtered lists, one evaluation with its per-criterion
// scores beside HQ's re-score, weekly trends, and the disputes of HQ re-scores.
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../client';
import type { QaCategory } from '../schema';
import { categorySumsBy } from './qa-category-sums';

export type SiteIds = number[];

export type EvaluationFilters = {
  siteIds: SiteIds;
  /** Agent reference, matched from its start, case-insensitively. */
  agent?: string;
  formCode?: string;
  /** Evaluator name, matched from its start, case-insensitively. */
  evaluator?: string;
  /** Site-local days, both ends included. */
  from?: string;
  to?: string;
  rescored?: boolean;
  dispute?: 'open' | 'upheld' | 'rejected';
};

export type DisputeStatus = 'none' | 'open' | 'upheld' | 'rejected';

function intArray(values: readonly number[]): SQL {
  return sql`${`{${values.map((v) => String(Math.trunc(v))).join(',')}}`}::text::int4[]`;
}

function startsWith(value: string): string {
  return `${value.replace(/[\\%_]/g, '\\$&')}%`;
}

/** The conditions of a list, on `e` (site evaluation), `s` (site), `f` (form) and `h` (HQ re-score). */
function filterConditions(f: EvaluationFilters): SQL {
  const parts: SQL[] = [sql`e.scope = 'site'`, sql`e.site_id = any(${intArray(f.siteIds)})`];
  if (f.agent) parts.push(sql`e.agent_ref ilike ${startsWith(f.agent)}`);
  if (f.evaluator) parts.push(sql`e.evaluator ilike ${startsWith(f.evaluator)}`);
  if (f.formCode) parts.push(sql`f.code = ${f.formCode}`);
  if (f.from) parts.push(sql`e.local_day >= ${f.from}::date`);
  if (f.to) parts.push(sql`e.local_day <= ${f.to}::date`);
  if (f.rescored === true) parts.push(sql`h.id is not null`);
  if (f.rescored === false) parts.push(sql`h.id is null`);
  if (f.dispute) parts.push(sql`h.dispute_status = ${f.dispute}::qa_dispute_status`);
  return sql.join(parts, sql` and `);
}

const LIST_FROM = sql`
  from qa_evaluations e
  join sites s on s.id = e.site_id
  join qa_forms f on f.id = e.form_id
  left join qa_evaluations h on h.site_id = e.site_id and h.calibrates_id = e.id and h.scope = 'hq'
  left join qa_calibration_items ci on ci.site_id = e.site_id and ci.evaluation_id = e.id`;

export type EvaluationListRow = {
  id: number;
  siteId: number;
  siteCode: string;
  siteName: string;
  evaluatedAt: Date;
  /** The site-local day of evaluatedAt. */
  day: string;
  agentRef: string;
  callExternalId: string | null;
  evaluator: string;
  formCode: string;
  formVersion: number;
  score: number | null;
  criticalFailed: boolean;
  hq: { id: number; score: number | null; criticalFailed: boolean; disputeStatus: DisputeStatus } | null;
  /** In a calibration worklist and not yet re-scored by HQ. */
  awaitingRescore: boolean;
};

type ListRow = {
  id: string | number;
  site_id: number;
  site_code: string;
  site_name: string;
  evaluated_at: string | Date;
  day: string;
  agent_ref: string;
  call_external_id: string | null;
  evaluator: string;
  form_code: string;
  form_version: number;
  score: number | null;
  critical_failed: boolean;
  hq_id: string | number | null;
  hq_score: number | null;
  hq_critical_failed: boolean | null;
  dispute_status: DisputeStatus | null;
  awaiting: boolean;
};

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** A page of site evaluations, newest first, and how many match in all. */
export async function listEvaluations(
  db: Db,
  filters: EvaluationFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: EvaluationListRow[]; total: number }> {
  if (filters.siteIds.length === 0) return { rows: [], total: 0 };
  const where = filterConditions(filters);
  const [rows, totals] = await Promise.all([
    db.execute(sql`
      select e.id, e.site_id, s.code as site_code, s.name as site_name, e.evaluated_at,
        to_char(e.local_day, 'YYYY-MM-DD') as day,
        e.agent_ref, e.call_external_id, e.evaluator, f.code as form_code, f.version as form_version,
        e.score, e.critical_failed, h.id as hq_id, h.score as hq_score, h.critical_failed as hq_critical_failed,
        h.dispute_status, (ci.evaluation_id is not null and ci.done_at is null and h.id is null) as awaiting
      ${LIST_FROM}
      where ${where}
      order by e.evaluated_at desc, e.site_id, e.id desc
      limit ${page.limit} offset ${page.offset}`),
    db.execute(sql`select count(*)::int8 as total ${LIST_FROM} where ${where}`),
  ]);
  return {
    total: Number(rowsOf<{ total: string | number }>(totals)[0]?.total ?? 0),
    rows: rowsOf<ListRow>(rows).map((r) => ({
      id: Number(r.id),
      siteId: r.site_id,
      siteCode: r.site_code,
      siteName: r.site_name,
      evaluatedAt: new Date(r.evaluated_at),
      day: r.day,
      agentRef: r.agent_ref,
      callExternalId: r.call_external_id,
      evaluator: r.evaluator,
      formCode: r.form_code,
      formVersion: r.form_version,
      score: num(r.score),
      criticalFailed: r.critical_failed,
      hq:
        r.hq_id === null
          ? null
          : { id: Number(r.hq_id), score: num(r.hq_score), criticalFailed: r.hq_critical_failed === true, disputeStatus: r.dispute_status ?? 'none' },
      awaitingRescore: r.awaiting,
    })),
  };
}

export type StoredEvaluation = {
  id: number;
  siteId: number;
  scope: 'site' | 'hq';
  externalId: string;
  formId: number;
  agentRef: string;
  callExternalId: string | null;
  evaluator: string;
  evaluatedAt: Date;
  day: string;
  score: number | null;
  criticalFailed: boolean;
  comment: string | null;
  disputeStatus: DisputeStatus;
  disputeComment: string | null;
  disputeResolution: string | null;
  updatedAt: Date;
};

type StoredRow = {
  id: string | number;
  site_id: number;
  scope: 'site' | 'hq';
  external_id: string;
  form_id: number;
  agent_ref: string;
  call_external_id: string | null;
  evaluator: string;
  evaluated_at: string | Date;
  day: string;
  score: number | null;
  critical_failed: boolean;
  comment: string | null;
  dispute_status: DisputeStatus;
  dispute_comment: string | null;
  dispute_resolution: string | null;
  updated_at: string | Date;
};

function storedOf(r: StoredRow): StoredEvaluation {
  return {
    id: Number(r.id),
    siteId: r.site_id,
    scope: r.scope,
    externalId: r.external_id,
    formId: r.form_id,
    agentRef: r.agent_ref,
    callExternalId: r.call_external_id,
    evaluator: r.evaluator,
    evaluatedAt: new Date(r.evaluated_at),
    day: r.day,
    score: num(r.score),
    criticalFailed: r.critical_failed,
    comment: r.comment,
    disputeStatus: r.dispute_status,
    disputeComment: r.dispute_comment,
    disputeResolution: r.dispute_resolution,
    updatedAt: new Date(r.updated_at),
  };
}

const STORED_COLUMNS = sql`e.id, e.site_id, e.scope, e.external_id, e.form_id, e.agent_ref, e.call_external_id, e.evaluator,
  e.evaluated_at, to_char(e.local_day, 'YYYY-MM-DD') as day, e.score, e.critical_failed,
  e.comment, e.dispute_status, e.dispute_comment, e.dispute_resolution, e.updated_at`;

/** A site-scope evaluation of a site, and HQ's re-score of it when there is one. */
export async function findEvaluationPair(
  db: Db,
  siteId: number,
  evaluationId: number,
): Promise<{ site: StoredEvaluation; hq: StoredEvaluation | null } | null> {
  const rows = rowsOf<StoredRow>(
    await db.execute(sql`
      select ${STORED_COLUMNS}
      from qa_evaluations e
      where e.site_id = ${siteId} and (
        (e.id = ${evaluationId} and e.scope = 'site') or (e.calibrates_id = ${evaluationId} and e.scope = 'hq'))`),
  ).map(storedOf);
  const site = rows.find((r) => r.scope === 'site');
  if (!site) return null;
  return { site, hq: rows.find((r) => r.scope === 'hq') ?? null };
}

export type CriterionScoreRow = {
  criterionId: number;
  key: string;
  label: string;
  category: QaCategory;
  weight: number;
  maxScore: number;
  critical: boolean;
  /** Null when the criterion did not apply. */
  score: number | null;
};

/** The criteria of an evaluation's form version, in order, with the evaluation's score on each. */
export async function listCriterionScores(db: Db, siteId: number, evaluationId: number, formId: number): Promise<CriterionScoreRow[]> {
  const rows = rowsOf<{
    id: number;
    key: string;
    label: string;
    category: QaCategory;
    weight: number;
    max_score: number;
    critical: boolean;
    score: number | null;
  }>(
    await db.execute(sql`
      select c.id, c.key, c.label, c.category, c.weight, c.max_score, c.critical, sc.score
      from qa_criteria c
      left join qa_scores sc on sc.site_id = ${siteId} and sc.evaluation_id = ${evaluationId} and sc.criterion_id = c.id
      where c.form_id = ${formId}
      order by c.position, c.id`),
  );
  return rows.map((r) => ({
    criterionId: r.id,
    key: r.key,
    label: r.label,
    category: r.category,
    weight: Number(r.weight),
    maxScore: Number(r.max_score),
    critical: r.critical,
    score: num(r.score),
  }));
}

/** Moves a dispute from one status to another; null when it was not in `from` (or absent). */
export async function setDisputeStatus(
  db: Db,
  args: {
    siteId: number;
    hqEvaluationId: number;
    from: DisputeStatus;
    to: DisputeStatus;
    comment?: string;
    resolution?: string;
  },
): Promise<{ id: number } | null> {
  const set: SQL[] = [sql`dispute_status = ${args.to}::qa_dispute_status`, sql`updated_at = now()`];
  if (args.comment !== undefined) set.push(sql`dispute_comment = ${args.comment}`);
  if (args.resolution !== undefined) set.push(sql`dispute_resolution = ${args.resolution}`);
  const rows = rowsOf<{ id: string | number }>(
    await db.execute(sql`
      update qa_evaluations set ${sql.join(set, sql`, `)}
      where site_id = ${args.siteId} and id = ${args.hqEvaluationId} and scope = 'hq'
        and dispute_status = ${args.from}::qa_dispute_status
      returning id`),
  );
  const row = rows[0];
  return row ? { id: Number(row.id) } : null;
}

// ── Trends ───────────────────────────────────────────────────────────────────────────────────

/** Weekly QA sums per site from the site_day rollups; a week starts on the site-local Monday. */
export async function weeklySiteQa(db: Db, args: { siteIds: SiteIds; from: string; to: string }) {
  if (args.siteIds.length === 0) return [];
  const rows = rowsOf<{ site_id: number; week: string; evaluations: string | number; scored: string | number; score_sum: number }>(
    await db.execute(sql`
      select sd.site_id, to_char(date_trunc('week', sd.day::timestamp), 'YYYY-MM-DD') as week,
        sum(sd.qa_evaluations)::int8 as evaluations, sum(sd.qa_scored_evaluations)::int8 as scored,
        sum(sd.qa_score_sum)::float8 as score_sum
      from site_day sd
      where sd.site_id = any(${intArray(args.siteIds)}) and sd.day between ${args.from}::date and ${args.to}::date
        and sd.qa_evaluations > 0
      group by 1, 2
      order by 2, 1`),
  );
  return rows.map((r) => ({
    siteId: r.site_id,
    week: r.week,
    evaluations: Number(r.evaluations),
    scored: Number(r.scored),
    scoreSum: Number(r.score_sum),
  }));
}

/**
 * Weekly criterion scores per category, as percentages of each criterion's maximum, pooled over
 * the given sites' site-scope evaluations (null scores, "does not apply", left out), from
 * site_qa_category_day; `withoutAwaitingRescore` takes out the evaluations awaiting their blind
 * re-score.
 */
export async function weeklyCategoryQa(db: Db, args: { siteIds: SiteIds; from: string; to: string; withoutAwaitingRescore?: boolean }) {
  const week = (_siteId: SQL, day: SQL) => sql`to_char(date_trunc('week', ${day}::timestamp), 'YYYY-MM-DD')`;
  const rows = await categorySumsBy<string>(db, week, args);
  return rows.map((r) => ({ week: r.key, category: r.category, percentSum: r.percentSum, scores: r.scores }));
}

/** The form codes evaluations may be filtered by. */
export async function listFormCodes(db: Db): Promise<string[]> {
  const rows = rowsOf<{ code: string }>(await db.execute(sql`select distinct code from qa_forms where status <> 'draft' order by code`));
  return rows.map((r) => r.code);
}
