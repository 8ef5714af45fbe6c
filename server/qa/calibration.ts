// Calibration worklists: HQ draws a random sample of a site's evaluations and re-scores the same
// calls blind (it works from the call and the form, never from the site's scores).
import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { findFormWithCriteria } from '@/db/queries/qa';
import {
  countEligibleForSample,
  findRescoreTask,
  insertSample,
  listSampleItems,
  listSamples,
  lockSiteCalibration,
  markItemDone,
  type SampleItemRow,
  type SampleRow,
} from '@/db/queries/qa-calibration';
import type { QaCategory } from '@/db/schema';
import type { Actor, SiteScope } from '@/server/auth/principal';
import { conflict, notFound } from '@/server/errors';
import { createHqRescore, type HqRescoreResult } from '@/server/ingest/evaluations';
import { drawSampleInput, rescoreInput, sampleRef, type DrawSampleInput, type RescoreInput } from '@/lib/qa/qa-input';
import { selectQaSites, siteInScope } from './site-access';

export type DrawnSample = { id: number; site: string; from: string; to: string; requested: number; drawn: number; eligible: number };

/** A fresh seed: 16 random bytes, kept with the worklist so the draw can be replayed. */
export function newSampleSeed(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Draws a worklist of up to `size` site evaluations of the period, among those scored, not yet
 * re-scored by HQ and in no other worklist. `seed` is for tests and replays; the server draws its own.
 */
export async function drawSample(
  db: Db,
  args: { scope: SiteScope; actor: Actor; requestedBy: number | null; input: DrawSampleInput; seed?: string },
): Promise<DrawnSample> {
  const input = drawSampleInput.parse(args.input);
  const site = await siteInScope(db, args.scope, input.site);
  const seed = args.seed ?? newSampleSeed();
  return db.transaction(async (tx) => {
    await lockSiteCalibration(tx, site.id);
    const eligible = await countEligibleForSample(tx, { siteId: site.id, from: input.from, to: input.to });
    if (eligible === 0) {
      throw conflict(`No evaluation of ${site.code} from ${input.from} to ${input.to} is waiting for calibration`);
    }
    const sample = await insertSample(tx, {
      siteId: site.id,
      from: input.from,
      to: input.to,
      count: input.size,
      seed,
      requestedBy: args.requestedBy,
    });
    await insertAudit(tx, {
      ...args.actor,
      action: 'qa.calibration.sample',
      entity: 'qa_calibration_sample',
      entityId: String(sample.id),
      siteId: site.id,
      details: { from: input.from, to: input.to, requested: input.size, drawn: sample.evaluationIds.length, seed, evaluations: sample.evaluationIds },
    });
    return { id: sample.id, site: site.code, from: input.from, to: input.to, requested: input.size, drawn: sample.evaluationIds.length, eligible };
  });
}

export type SampleSummary = Omit<SampleRow, 'siteId' | 'siteCode' | 'siteName' | 'seed'> & { site: { code: string; name: string } };

export async function listWorklists(db: Db, args: { scope: SiteScope; site?: string; limit?: number }): Promise<SampleSummary[]> {
  const { shown } = await selectQaSites(db, args.scope, args.site);
  const rows = await listSamples(db, { siteIds: shown.map((s) => s.id), limit: args.limit ?? 50 });
  return rows.map(({ siteId: _id, siteCode, siteName, seed: _seed, ...row }) => ({ ...row, site: { code: siteCode, name: siteName } }));
}

export async function getWorklist(
  db: Db,
  args: { scope: SiteScope; input: { site: string; id: number } },
): Promise<{ sample: SampleSummary; items: SampleItemRow[] }> {
  const ref = sampleRef.parse(args.input);
  const site = await siteInScope(db, args.scope, ref.site);
  const sample = (await listSamples(db, { siteIds: [site.id], limit: 1, sampleId: ref.id }))[0];
  if (!sample) throw notFound('Calibration worklist');
  const { siteId: _id, siteCode, siteName, seed: _seed, ...row } = sample;
  return { sample: { ...row, site: { code: siteCode, name: siteName } }, items: await listSampleItems(db, site.id, ref.id) };
}

/**
 * What the blind re-score screen shows: the call, the agent, the dates and the form's criteria.
 * Built field by field so that nothing of the site's evaluation (scores, score, comment,
 * evaluator) can slip in.
 */
export type RescoreTask = {
  site: { code: string; name: string; timezone: string };
  sampleId: number;
  evaluationId: number;
  callReference: string | null;
  agentRef: string;
  evaluatedAt: Date;
  day: string;
  call: { startedAt: Date; direction: 'inbound' | 'outbound'; queue: string; handleSeconds: number } | null;
  form: { code: string; version: number; name: string };
  criteria: { key: string; label: string; category: QaCategory; weight: number; maxScore: number; critical: boolean }[];
  done: boolean;
  /** Re-scored already: the first re-score is final (a disagreement goes through a dispute). */
  locked: boolean;
};

export async function getRescoreTask(db: Db, args: { scope: SiteScope; input: { site: string; id: number } }): Promise<RescoreTask> {
  const ref = sampleRef.parse(args.input);
  const site = await siteInScope(db, args.scope, ref.site);
  const task = await findRescoreTask(db, site.id, ref.id);
  if (!task) throw notFound('Calibration item');
  const form = await findFormWithCriteria(db, task.formId);
  if (!form) throw notFound('QA form');
  return {
    site: { code: site.code, name: site.name, timezone: site.timezone },
    sampleId: task.sampleId,
    evaluationId: task.evaluationId,
    callReference: task.callExternalId,
    agentRef: task.agentRef,
    evaluatedAt: task.evaluatedAt,
    day: task.day,
    call: task.call,
    form: { code: form.code, version: form.version, name: form.name },
    criteria: form.criteria.map((c) => ({
      key: c.key,
      label: c.label,
      category: c.category,
      weight: c.weight,
      maxScore: c.maxScore,
      critical: c.critical,
    })),
    done: task.doneAt !== null || task.hqDisputeStatus !== null,
    // The first re-score is final: once HQ has one, the screen offers no other.
    locked: task.doneAt !== null || task.hqDisputeStatus !== null,
  };
}

/**
 * Saves HQ's blind re-score of a worklist item and marks the item done. The first re-score is
 * final: once saved, HQ sees the site's scores beside it, so a second one would not be blind.
 */
export async function submitRescore(
  db: Db,
  args: { scope: SiteScope; actor: Actor; evaluator: string; input: RescoreInput; now?: Date },
): Promise<HqRescoreResult & { site: string; evaluationId: number }> {
  const input = rescoreInput.parse(args.input);
  const site = await siteInScope(db, args.scope, input.site);
  return db.transaction(async (tx) => {
    const task = await findRescoreTask(tx, site.id, input.id);
    if (!task) throw notFound('Calibration item');
    if (task.doneAt !== null || task.hqDisputeStatus !== null) {
      throw conflict('This call has been re-scored already: the first re-score is final');
    }
    const result = await createHqRescore(tx, {
      siteId: site.id,
      siteEvaluationId: input.id,
      scores: input.scores,
      evaluator: args.evaluator,
      actor: args.actor,
      comment: input.comment,
      evaluatedAt: args.now,
    });
    await markItemDone(tx, site.id, input.id, args.now);
    return { ...result, site: site.code, evaluationId: input.id };
  });
}
