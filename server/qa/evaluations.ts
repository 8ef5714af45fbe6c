// Reading QA evaluations: the filtered list and one evaluation beside HQ's re-score. While an
// evaluation waits in a calibration worklist, HQ does not see the site's scores anywhere, so that
// its re-score stays blind.
import type { Db } from '@/db/client';
import { findRescoreTask } from '@/db/queries/qa-calibration';
import { findFormWithCriteria } from '@/db/queries/qa';
import { findEvaluationPair, listCriterionScores, listEvaluations, listFormCodes, type DisputeStatus } from '@/db/queries/qa-evaluations';
import type { QaCategory } from '@/db/schema';
import type { SiteScope } from '@/server/auth/principal';
import { notFound } from '@/server/errors';
import { QA_CATEGORIES } from '@/lib/qa/form-input';
import { evaluationListInput, evaluationRef, type EvaluationListInput } from '@/lib/qa/qa-input';
import { categoryPercentOf, failsCritical } from '@/lib/kpi/qa';
import { selectQaSites, siteInScope } from './site-access';

/** Who is reading: their site scope, and whether they are HQ or the site's lead. */
export type QaViewer = { scope: SiteScope; role: 'admin' | 'hq_manager' | 'site_lead' };

const isHqViewer = (viewer: QaViewer) => viewer.role === 'admin' || viewer.role === 'hq_manager';

export type EvaluationListItem = {
  id: number;
  site: { code: string; name: string };
  evaluatedAt: Date;
  day: string;
  agentRef: string;
  callExternalId: string | null;
  evaluator: string;
  form: { code: string; version: number };
  /** Null when no criterion applied, or while withheld from HQ (scoreHidden). */
  score: number | null;
  criticalFailed: boolean;
  scoreHidden: boolean;
  hq: { score: number | null; criticalFailed: boolean; disputeStatus: DisputeStatus } | null;
  /** Drawn for a blind re-score and not yet re-scored; told to HQ only. */
  awaitingRescore: boolean;
};

export type EvaluationPage = { page: number; pageSize: number; total: number; pages: number; rows: EvaluationListItem[] };

export async function listEvaluationsFor(db: Db, viewer: QaViewer, input: EvaluationListInput): Promise<EvaluationPage> {
  const filters = evaluationListInput.parse(input);
  const { shown } = await selectQaSites(db, viewer.scope, filters.site);
  const hq = isHqViewer(viewer);
  const offset = (filters.page - 1) * filters.pageSize;
  const { rows, total } = await listEvaluations(
    db,
    {
      siteIds: shown.map((s) => s.id),
      agent: filters.agent,
      formCode: filters.form,
      evaluator: filters.evaluator,
      from: filters.from,
      to: filters.to,
      rescored: filters.rescored,
      dispute: filters.dispute,
    },
    { limit: filters.pageSize, offset },
  );
  return {
    page: filters.page,
    pageSize: filters.pageSize,
    total,
    pages: Math.max(1, Math.ceil(total / filters.pageSize)),
    rows: rows.map((r) => {
      const hidden = hq && r.awaitingRescore;
      return {
        id: r.id,
        site: { code: r.siteCode, name: r.siteName },
        evaluatedAt: r.evaluatedAt,
        day: r.day,
        agentRef: r.agentRef,
        callExternalId: r.callExternalId,
        evaluator: r.evaluator,
        form: { code: r.formCode, version: r.formVersion },
        score: hidden ? null : r.score,
        criticalFailed: hidden ? false : r.criticalFailed,
        scoreHidden: hidden,
        hq: r.hq ? { score: r.hq.score, criticalFailed: r.hq.criticalFailed, disputeStatus: r.hq.disputeStatus } : null,
        // The site must not learn which of its evaluations were drawn.
        awaitingRescore: hq && r.awaitingRescore,
      };
    }),
  };
}

export type CriterionLine = {
  key: string;
  label: string;
  weight: number;
  maxScore: number;
  critical: boolean;
  /** The site's score on this criterion; null when it did not apply or is withheld. */
  site: number | null;
  hq: number | null;
  siteCriticalFail: boolean;
  hqCriticalFail: boolean;
};

export type CategoryBlock = {
  category: QaCategory;
  criteria: CriterionLine[];
  /** Mean criterion score as a percentage of its maximum, over the criteria that applied. */
  sitePercent: number | null;
  hqPercent: number | null;
};

export type EvaluationDetail = {
  site: { code: string; name: string; timezone: string };
  evaluation: {
    id: number;
    externalId: string;
    agentRef: string;
    callExternalId: string | null;
    evaluator: string;
    evaluatedAt: Date;
    day: string;
    comment: string | null;
    score: number | null;
    criticalFailed: boolean;
  };
  /** True while HQ must not see the site's scores (the evaluation waits for its blind re-score). */
  scoresHidden: boolean;
  awaitingRescore: boolean;
  form: { id: number; code: string; version: number; name: string; status: 'draft' | 'published' | 'retired' };
  hq: {
    id: number;
    evaluator: string;
    evaluatedAt: Date;
    score: number | null;
    criticalFailed: boolean;
    comment: string | null;
    dispute: { status: DisputeStatus; comment: string | null; resolution: string | null };
  } | null;
  categories: CategoryBlock[];
  canDispute: boolean;
  canSettle: boolean;
};

function meanPercent(lines: CriterionLine[], pick: (l: CriterionLine) => number | null): number | null {
  return categoryPercentOf(lines.map((line) => ({ score: pick(line), maxScore: line.maxScore })));
}

export async function getEvaluationDetail(db: Db, viewer: QaViewer, input: { site: string; id: number }): Promise<EvaluationDetail> {
  const ref = evaluationRef.parse(input);
  const site = await siteInScope(db, viewer.scope, ref.site);
  const pair = await findEvaluationPair(db, site.id, ref.id);
  if (!pair) throw notFound('Evaluation');
  const form = await findFormWithCriteria(db, pair.site.formId);
  if (!form) throw notFound('QA form');
  const task = await findRescoreTask(db, site.id, pair.site.id);
  const awaitingRescore = task !== null && task.doneAt === null && pair.hq === null;
  const hidden = isHqViewer(viewer) && awaitingRescore;

  const siteScores = await listCriterionScores(db, site.id, pair.site.id, form.id);
  const hqScores = pair.hq ? await listCriterionScores(db, site.id, pair.hq.id, form.id) : [];
  const hqByKey = new Map(hqScores.map((s) => [s.key, s.score]));
  const lines = siteScores.map((s) => {
    const siteScore = hidden ? null : s.score;
    const hqScore = hqByKey.get(s.key) ?? null;
    return {
      category: s.category,
      line: {
        key: s.key,
        label: s.label,
        weight: s.weight,
        maxScore: s.maxScore,
        critical: s.critical,
        site: siteScore,
        hq: hqScore,
        siteCriticalFail: failsCritical(s, siteScore),
        hqCriticalFail: failsCritical(s, hqScore),
      } satisfies CriterionLine,
    };
  });
  const categories: CategoryBlock[] = QA_CATEGORIES.flatMap((category) => {
    const criteria = lines.filter((l) => l.category === category).map((l) => l.line);
    if (criteria.length === 0) return [];
    return [{ category, criteria, sitePercent: meanPercent(criteria, (l) => l.site), hqPercent: meanPercent(criteria, (l) => l.hq) }];
  });

  const ownLead = viewer.role === 'site_lead' && !viewer.scope.all && viewer.scope.siteId === site.id;
  return {
    site: { code: site.code, name: site.name, timezone: site.timezone },
    evaluation: {
      id: pair.site.id,
      externalId: pair.site.externalId,
      agentRef: pair.site.agentRef,
      callExternalId: pair.site.callExternalId,
      evaluator: pair.site.evaluator,
      evaluatedAt: pair.site.evaluatedAt,
      day: pair.site.day,
      comment: hidden ? null : pair.site.comment,
      score: hidden ? null : pair.site.score,
      criticalFailed: hidden ? false : pair.site.criticalFailed,
    },
    scoresHidden: hidden,
    // The site must not learn which of its evaluations were drawn.
    awaitingRescore: isHqViewer(viewer) && awaitingRescore,
    form: { id: form.id, code: form.code, version: form.version, name: form.name, status: form.status },
    hq: pair.hq
      ? {
          id: pair.hq.id,
          evaluator: pair.hq.evaluator,
          evaluatedAt: pair.hq.evaluatedAt,
          score: pair.hq.score,
          criticalFailed: pair.hq.criticalFailed,
          comment: pair.hq.comment,
          dispute: { status: pair.hq.disputeStatus, comment: pair.hq.disputeComment, resolution: pair.hq.disputeResolution },
        }
      : null,
    categories,
    canDispute: ownLead && pair.hq?.disputeStatus === 'none',
    canSettle: isHqViewer(viewer) && pair.hq?.disputeStatus === 'open',
  };
}

/** What the evaluation filters offer: the sites the viewer may read and the form codes. */
export async function evaluationFilterOptions(db: Db, viewer: QaViewer) {
  const { shown } = await selectQaSites(db, viewer.scope, undefined);
  return { sites: shown.map((s) => ({ code: s.code, name: s.name })), forms: await listFormCodes(db) };
}
