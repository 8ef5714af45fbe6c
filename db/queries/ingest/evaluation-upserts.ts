// The writes of QA evaluations at ingest: form versions with their criteria, site evaluations
// (each stored with its site-local day), per-criterion scores, and HQ's re-scores.
// Every function takes the transaction the batch runs in.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../client';
import { localDayOf } from '../../local-time';
import { columnOf, instant, textArray, typedArray } from './unnest-arrays';

// Existing rows are looked up by the keys of a batch one by one, through a lateral subquery kept
// apart by "offset 0" (the planner cannot fold it into a join): each key is one probe of the
// table's unique index, whatever the statistics say. Joined or tested with = any(array), a planner
// without fresh statistics (PGlite never analyzes by itself) may read the whole table for every
// batch, and a seed or a backfill slows down as the table grows.

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

/** What is stored of a site evaluation a batch sends again: its fields and scores as they were. */
export type StoredSiteEvaluation = {
  id: number;
  /** Drawn into a calibration worklist, or re-scored by HQ: the site may no longer change it. */
  inCalibration: boolean;
  /** Whether the batch's row differs from the stored one in any field (scores apart). */
  fieldsChanged: boolean;
  fields: {
    form: string;
    agentRef: string;
    callExternalId: string | null;
    evaluator: string;
    evaluatedAt: string;
    score: number | null;
    criticalFailed: boolean;
    comment: string | null;
  };
  scores: { criterionId: number; key: string; score: number | null }[];
};

/**
 * The stored site evaluations a batch names, by external id, compared field by field with the
 * batch's rows exactly as the upsert compares them. Read under the site's ingest lock.
 */
export async function findStoredSiteEvaluations(
  tx: Db,
  siteId: number,
  rows: readonly EvaluationValues[],
): Promise<Map<string, StoredSiteEvaluation>> {
  const found = new Map<string, StoredSiteEvaluation>();
  if (rows.length === 0) return found;
  const stored = rowsOf<{
    id: string | number;
    external_id: string;
    form: string;
    agent_ref: string;
    call_external_id: string | null;
    evaluator: string;
    evaluated_at: string | Date;
    score: number | null;
    critical_failed: boolean;
    comment: string | null;
    changed: boolean;
    in_calibration: boolean;
    scores: string;
  }>(
    await tx.execute(sql`
      select e.id, e.external_id, f.code || '@' || f.version as form, e.agent_ref, e.call_external_id, e.evaluator,
        e.evaluated_at, e.score, e.critical_failed, e.comment,
        (e.form_id, e.agent_ref, e.call_external_id, e.evaluator, e.evaluated_at, e.score, e.critical_failed, e.comment)
          is distinct from
          (r.form_id, r.agent_ref, r.call_external_id, r.evaluator, r.evaluated_at, r.score, r.critical_failed, r.comment) as changed,
        (exists (select 1 from qa_calibration_items i where i.site_id = e.site_id and i.evaluation_id = e.id)
          or exists (select 1 from qa_evaluations h where h.site_id = e.site_id and h.calibrates_id = e.id and h.scope = 'hq'))
          as in_calibration,
        (select coalesce(json_agg(json_build_array(sc.criterion_id, c.key, sc.score) order by c.position, c.id), '[]'::json)::text
          from qa_scores sc join qa_criteria c on c.id = sc.criterion_id
          where sc.site_id = e.site_id and sc.evaluation_id = e.id) as scores
      from unnest(
        ${textArray(rows.map((r) => r.externalId))},
        ${columnOf(rows, 'int4', (r) => r.formId)},
        ${columnOf(rows, 'text', (r) => r.agentRef)},
        ${columnOf(rows, 'text', (r) => r.callExternalId)},
        ${columnOf(rows, 'text', (r) => r.evaluator)},
        ${columnOf(rows, 'timestamptz', (r) => r.evaluatedAt)},
        ${columnOf(rows, 'float8', (r) => r.score)},
        ${columnOf(rows, 'bool', (r) => r.criticalFailed)},
        ${columnOf(rows, 'text', (r) => r.comment)}
      ) as r(external_id, form_id, agent_ref, call_external_id, evaluator, evaluated_at, score, critical_failed, comment)
      cross join lateral (
        select * from qa_evaluations e
        where e.site_id = ${siteId} and e.scope = 'site' and e.external_id = r.external_id
        offset 0
      ) e
      join qa_forms f on f.id = e.form_id`),
  );
  for (const row of stored) {
    const scores = (JSON.parse(row.scores) as [number, string, number | null][]).map(([criterionId, key, score]) => ({
      criterionId,
      key,
      score: score === null ? null : Number(score),
    }));
    found.set(row.external_id, {
      id: Number(row.id),
      inCalibration: row.in_calibration,
      fieldsChanged: row.changed,
      fields: {
        form: row.form,
        agentRef: row.agent_ref,
        callExternalId: row.call_external_id,
        evaluator: row.evaluator,
        evaluatedAt: new Date(row.evaluated_at).toISOString(),
        score: row.score === null ? null : Number(row.score),
        criticalFailed: row.critical_failed,
        comment: row.comment,
      },
      scores,
    });
  }
  return found;
}
