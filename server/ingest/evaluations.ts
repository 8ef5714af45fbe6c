// The one code path that writes QA evaluations: site evaluations pushed in batches (scored here
// against their form version, rolled up into site_day) and HQ's re-scores for calibration.
import type { Db, Tx } from '@/db/client';
import { insertAudit, insertAuditEntries } from '@/db/queries/audit';
import {
  deleteScoresOutsideForm,
  findSiteEvaluationsForRescore,
  listFormVersionsWithCriteria,
  upsertEvaluationScores,
  upsertHqEvaluations,
  upsertSiteEvaluations,
  type EvaluationValues,
  type IngestForm,
  type ScoreValues,
} from '@/db/queries/ingest/evaluation-upserts';
import { recomputeSiteQaDays } from '@/db/queries/ingest/rollups';
import { lockSiteForIngest, touchSiteFeed } from '@/db/queries/ingest/site-lock';
import type { Actor } from '@/server/auth/principal';
import { badRequest, notFound } from '@/server/errors';
import { scoreEvaluation } from '@/server/qa/scoring';
import { counts, tooLarge } from './calls';
import { evaluationSchema, MAX_BATCH, parseFormReference, type EvaluationInput } from './evaluation.schema';
import type { IngestResult, RejectedRecord } from './ingest-result';
import { withIngestSlot } from './slots';
import { byIndex, rejectDuplicates, validateBatch, type ValidItem } from './validate-batch';

export type IngestEvaluationsArgs = {
  siteId: number;
  evaluations: unknown[];
  actor: Actor;
  /** When the batch was received; the database clock when absent. */
  receivedAt?: Date;
};

/**
 * The form version an evaluation refers to: `CODE` is the latest published version, `CODE@n`
 * is version n when it is published or retired (an evaluation made before a newer version came
 * out). Drafts are never scored against.
 */
export function resolveFormVersion(forms: readonly IngestForm[], reference: string): IngestForm | null {
  const { code, version } = parseFormReference(reference);
  const candidates = forms.filter((f) => f.code === code);
  if (version !== null) return candidates.find((f) => f.version === version && f.status !== 'draft') ?? null;
  let latest: IngestForm | null = null;
  for (const form of candidates) {
    if (form.status === 'published' && (!latest || form.version > latest.version)) latest = form;
  }
  return latest;
}

type ScoredEvaluation = { input: EvaluationInput; form: IngestForm; score: number | null; criticalFailed: boolean };

function scoreAgainstForms(
  items: readonly ValidItem<EvaluationInput>[],
  forms: readonly IngestForm[],
): { scored: ValidItem<ScoredEvaluation>[]; rejected: RejectedRecord[] } {
  const scored: ValidItem<ScoredEvaluation>[] = [];
  const rejected: RejectedRecord[] = [];
  for (const { index, value } of items) {
    const form = resolveFormVersion(forms, value.formCode);
    if (!form) {
      const { version } = parseFormReference(value.formCode);
      const message =
        version === null ? `No published QA form "${value.formCode}"` : `No published or retired QA form version "${value.formCode}"`;
      rejected.push({ index, externalId: value.externalId, errors: [{ path: 'formCode', message }] });
      continue;
    }
    const result = scoreEvaluation(form.criteria, value.scores);
    if (result.errors.length > 0) {
      rejected.push({ index, externalId: value.externalId, errors: result.errors });
      continue;
    }
    scored.push({ index, value: { input: value, form, score: result.score, criticalFailed: result.criticalFailed } });
  }
  return { scored, rejected };
}

/**
 * Ingests a batch of site-scope QA evaluations for one site, answered like calls. A re-sent
 * evaluation whose fields and scores are unchanged counts as neither inserted nor updated.
 */
export async function ingestEvaluations(db: Db, args: IngestEvaluationsArgs): Promise<IngestResult> {
  if (args.evaluations.length > MAX_BATCH) throw tooLarge(args.evaluations.length, 'evaluations');
  const checked = validateBatch(args.evaluations, evaluationSchema);

  const write = async (tx: Tx): Promise<IngestResult> => {
    const site = await lockSiteForIngest(tx, args.siteId);
    if (!site) throw notFound('Site');
    const codes = [...new Set(checked.valid.map((v) => parseFormReference(v.value.formCode).code))];
    const forms = await listFormVersionsWithCriteria(tx, codes);
    const { scored, rejected: unscorable } = scoreAgainstForms(checked.valid, forms);
    const { unique, duplicates } = rejectDuplicates(
      scored.map((s) => ({ index: s.index, value: { ...s.value, externalId: s.value.input.externalId } })),
    );

    const rows: EvaluationValues[] = unique.map(({ value: { input, form, score, criticalFailed } }) => ({
      externalId: input.externalId,
      evaluatedAt: input.evaluatedAt,
      formId: form.id,
      agentRef: input.agentRef,
      callExternalId: input.callExternalId ?? null,
      evaluator: input.evaluator,
      score,
      criticalFailed,
      comment: input.comment ?? null,
    }));
    const upsert = await upsertSiteEvaluations(tx, site, rows, args.receivedAt);

    const scores: ScoreValues[] = [];
    for (const { value } of unique) {
      const evaluationId = upsert.ids.get(value.input.externalId);
      if (evaluationId === undefined) throw new Error(`Evaluation ${value.input.externalId} was not written`);
      for (const criterion of value.form.criteria) {
        scores.push({ evaluationId, criterionId: criterion.id, score: value.input.scores[criterion.key] ?? null });
      }
    }
    const rescored = await upsertEvaluationScores(tx, site.id, scores);
    for (const id of await deleteScoresOutsideForm(tx, site.id, upsert.reformed)) rescored.add(id);
    const updated = new Set(upsert.updated);
    for (const [externalId, id] of upsert.ids) {
      if (rescored.has(id) && !upsert.inserted.has(externalId)) updated.add(externalId);
    }

    await recomputeSiteQaDays(tx, site.id, upsert.days);
    if (unique.length > 0) await touchSiteFeed(tx, site.id, 'evaluations', args.receivedAt);
    const result: IngestResult = {
      received: args.evaluations.length,
      inserted: upsert.inserted.size,
      updated: updated.size,
      rejected: byIndex([...checked.rejected, ...unscorable, ...duplicates]),
    };
    await insertAudit(tx, {
      ...args.actor,
      action: 'evaluations.ingest',
      entity: 'qa_evaluations',
      siteId: site.id,
      details: { ...counts(result), days: upsert.days.length },
    });
    return result;
  };
  return withIngestSlot(() => db.transaction(write));
}

export type HqRescoreItem = {
  siteEvaluationId: number;
  scores: Record<string, number | null>;
  evaluator: string;
  comment?: string | null;
  /** When HQ scored; now when absent. */
  evaluatedAt?: Date;
};

export type HqRescoreArgs = HqRescoreItem & { siteId: number; actor: Actor };

export type HqRescoreResult = {
  siteEvaluationId: number;
  id: number;
  score: number | null;
  criticalFailed: boolean;
  inserted: boolean;
};

/**
 * HQ re-scores a site evaluation on the same form version, for calibration. One re-score per
 * site evaluation: a later one replaces it. HQ evaluations do not count in the site's QA score.
 */
export async function createHqRescore(db: Db, args: HqRescoreArgs): Promise<HqRescoreResult> {
  const { siteId, actor, ...item } = args;
  const [result] = await createHqRescores(db, { siteId, actor, rescores: [item] });
  if (!result) throw new Error('The re-score was not written');
  return result;
}

/**
 * Several re-scores of one site's evaluations in one transaction, all or none: an unknown
 * evaluation or an invalid score refuses the whole set, naming the culprit.
 */
export async function createHqRescores(
  db: Db,
  args: { siteId: number; actor: Actor; rescores: readonly HqRescoreItem[] },
): Promise<HqRescoreResult[]> {
  if (args.rescores.length > MAX_BATCH) throw tooLarge(args.rescores.length, 're-scores');
  const ids = args.rescores.map((r) => r.siteEvaluationId);
  if (new Set(ids).size !== ids.length) throw badRequest('Each site evaluation may be re-scored once per request');
  const byUser = args.actor.actorType === 'user' || args.actor.actorType === 'user_token';

  return db.transaction(async (tx) => {
    const originals = await findSiteEvaluationsForRescore(tx, args.siteId, ids);
    const scored = args.rescores.map((item) => {
      const original = originals.get(item.siteEvaluationId);
      if (!original) throw notFound(`Site evaluation ${item.siteEvaluationId}`);
      const result = scoreEvaluation(original.criteria, item.scores);
      if (result.errors.length > 0) {
        const reasons = result.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
        throw badRequest(`Invalid scores for evaluation ${item.siteEvaluationId}: ${reasons}`);
      }
      return { item, original, result };
    });
    const now = new Date();
    const written = await upsertHqEvaluations(
      tx,
      args.siteId,
      scored.map(({ item, original, result }) => ({
        externalId: hqRescoreExternalId(original.id),
        calibratesId: original.id,
        formId: original.formId,
        agentRef: original.agentRef,
        callExternalId: original.callExternalId,
        evaluator: item.evaluator,
        evaluatedAt: item.evaluatedAt ?? now,
        score: result.score,
        criticalFailed: result.criticalFailed,
        comment: item.comment ?? null,
        createdByUserId: byUser ? args.actor.actorId : null,
      })),
    );
    const writtenByExternal = new Map(written.map((w) => [w.externalId, w]));
    const results: HqRescoreResult[] = scored.map(({ original, result }) => {
      const row = writtenByExternal.get(hqRescoreExternalId(original.id));
      if (!row) throw new Error(`The re-score of evaluation ${original.id} was not written`);
      return { siteEvaluationId: original.id, id: row.id, score: result.score, criticalFailed: result.criticalFailed, inserted: row.inserted };
    });

    const scores: ScoreValues[] = [];
    scored.forEach(({ item, original }, i) => {
      const id = results[i]!.id;
      for (const c of original.criteria) scores.push({ evaluationId: id, criterionId: c.id, score: item.scores[c.key] ?? null });
    });
    await upsertEvaluationScores(tx, args.siteId, scores);
    // A replaced re-score may be on another form version if the site re-sent its evaluation on one.
    await deleteScoresOutsideForm(
      tx,
      args.siteId,
      scored.flatMap(({ original }, i) => (results[i]!.inserted ? [] : [{ evaluationId: results[i]!.id, formId: original.formId }])),
    );
    await insertAuditEntries(
      tx,
      results.map((r) => ({
        ...args.actor,
        action: r.inserted ? 'qa.rescore.create' : 'qa.rescore.update',
        entity: 'qa_evaluations',
        entityId: String(r.id),
        siteId: args.siteId,
        details: { calibrates: r.siteEvaluationId, score: r.score, criticalFailed: r.criticalFailed },
      })),
    );
    return results;
  });
}

/** HQ's re-score of a site evaluation is keyed by it: a second re-score replaces the first. */
export function hqRescoreExternalId(siteEvaluationId: number): string {
  return `hq-rescore-${siteEvaluationId}`;
}
