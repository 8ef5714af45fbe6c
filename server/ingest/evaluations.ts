// The one code path that writes QA evaluations: site evaluations pushed in batches (scored here
// against their form version, rolled up into site_day and the agents' QA rollups) and HQ's
// re-scores for calibration.
import type { Db, Tx } from '@/db/client';
import { localDayOf } from '@/db/local-time';
import { insertAudit, insertAuditEntries } from '@/db/queries/audit';
import {
  deleteScoresOutsideForm,
  findSiteEvaluationsForRescore,
  findStoredSiteEvaluations,
  listFormVersionsWithCriteria,
  upsertEvaluationScores,
  upsertHqEvaluations,
  upsertSiteEvaluations,
  type EvaluationValues,
  type IngestForm,
  type ScoreValues,
  type StoredSiteEvaluation,
} from '@/db/queries/ingest/evaluation-upserts';
import { recomputeSiteQaDays } from '@/db/queries/ingest/rollups';
import { lockSiteForIngest, touchSiteFeed } from '@/db/queries/ingest/site-lock';
import type { Actor } from '@/server/auth/principal';
import { badRequest, conflict, notFound } from '@/server/errors';
import { scoreEvaluation } from '@/lib/kpi/qa';
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

const IN_CALIBRATION =
  'HQ has taken this evaluation into its QA calibration: it can no longer be changed. Ask HQ if it must be corrected.';

function valuesOf({ input, form, score, criticalFailed }: ScoredEvaluation): EvaluationValues {
  return {
    externalId: input.externalId,
    evaluatedAt: input.evaluatedAt,
    formId: form.id,
    agentRef: input.agentRef,
    callExternalId: input.callExternalId ?? null,
    evaluator: input.evaluator,
    score,
    criticalFailed,
    comment: input.comment ?? null,
  };
}

/** Whether writing `next` would change the stored evaluation: a field, or a criterion's score. */
function differs(before: StoredSiteEvaluation, next: ScoredEvaluation): boolean {
  if (before.fieldsChanged) return true;
  const stored = new Map(before.scores.map((s) => [s.criterionId, s.score]));
  if (stored.size !== next.form.criteria.length) return true;
  return next.form.criteria.some((c) => !stored.has(c.id) || stored.get(c.id) !== (next.input.scores[c.key] ?? null));
}

function afterOf({ input, form, score, criticalFailed }: ScoredEvaluation) {
  return {
    form: `${form.code}@${form.version}`,
    agentRef: input.agentRef,
    callExternalId: input.callExternalId ?? null,
    evaluator: input.evaluator,
    evaluatedAt: new Date(input.evaluatedAt).toISOString(),
    score,
    criticalFailed,
    comment: input.comment ?? null,
    scores: Object.fromEntries(form.criteria.map((c) => [c.key, input.scores[c.key] ?? null])),
  };
}

/**
 * Ingests a batch of site-scope QA evaluations for one site, answered like calls. A re-sent
 * evaluation whose fields and scores are unchanged counts as neither inserted nor updated; a
 * change to one HQ has drawn or re-scored is refused, that record alone. Every update is audited
 * with the evaluation before and after.
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

    const stored = await findStoredSiteEvaluations(tx, site.id, unique.map(({ value }) => valuesOf(value)));
    // An evaluation HQ has drawn or re-scored keeps what the site said when it was drawn: a change
    // would let the site rewrite its score once it has seen HQ's, and the bias would vanish.
    const refused: RejectedRecord[] = [];
    const accepted = unique.filter(({ index, value }) => {
      const before = stored.get(value.input.externalId);
      if (!before?.inCalibration || !differs(before, value)) return true;
      refused.push({ index, externalId: value.input.externalId, errors: [{ path: 'externalId', message: IN_CALIBRATION }] });
      return false;
    });
    const upsert = await upsertSiteEvaluations(
      tx,
      site,
      accepted.map(({ value }) => valuesOf(value)),
      args.receivedAt,
    );

    const scores: ScoreValues[] = [];
    for (const { value } of accepted) {
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

    // Criterion scores changed under unchanged fields (the same overall score) still change the
    // agent's QA categories on the evaluation's day: that day is recomputed too. Its fields being
    // unchanged, its stored day is the one evaluatedAt gives.
    const qaDays = new Set(upsert.days);
    for (const { value } of accepted) {
      const id = upsert.ids.get(value.input.externalId);
      if (id !== undefined && rescored.has(id)) qaDays.add(localDayOf(Date.parse(value.input.evaluatedAt), site.timezone));
    }
    await recomputeSiteQaDays(tx, site.id, [...qaDays].sort());
    if (accepted.length > 0) await touchSiteFeed(tx, site.id, 'evaluations', args.receivedAt);
    const result: IngestResult = {
      received: args.evaluations.length,
      inserted: upsert.inserted.size,
      updated: updated.size,
      rejected: byIndex([...checked.rejected, ...unscorable, ...duplicates, ...refused]),
    };
    await insertAudit(tx, {
      ...args.actor,
      action: 'evaluations.ingest',
      entity: 'qa_evaluations',
      siteId: site.id,
      details: {
        ...counts(result),
        days: qaDays.size,
        ...(refused.length > 0 ? { refusedInCalibration: refused.map((r) => r.externalId) } : {}),
      },
    });
    // Every changed evaluation, with what it was and what it became.
    await insertAuditEntries(
      tx,
      accepted.flatMap(({ value }) => {
        const before = stored.get(value.input.externalId);
        if (!before || !updated.has(value.input.externalId)) return [];
        return [
          {
            ...args.actor,
            action: 'qa.evaluation.update',
            entity: 'qa_evaluations',
            entityId: String(before.id),
            siteId: site.id,
            details: {
              externalId: value.input.externalId,
              before: { ...before.fields, scores: Object.fromEntries(before.scores.map((c) => [c.key, c.score])) },
              after: afterOf(value),
            },
          },
        ];
      }),
    );
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
 * site evaluation, and the first is final: once written, HQ sees the site's scores beside it, so
 * a second one would not be blind. HQ evaluations do not count in the site's QA score.
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
    const again = written.find((w) => !w.inserted);
    if (again) throw conflict(`Evaluation ${again.externalId.replace(/^hq-rescore-/, '')} has been re-scored already: the first re-score is final`);
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
    await insertAuditEntries(
      tx,
      results.map((r) => ({
        ...args.actor,
        action: 'qa.rescore.create',
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
