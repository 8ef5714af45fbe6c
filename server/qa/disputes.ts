// Disputes of HQ re-scores: the site's lead may contest HQ's re-score of one of the site's
// evaluations once; HQ settles it, upheld (the site was right: the re-score leaves the
// calibration gap) or rejected, with its reasons. Each step is audit-logged.
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import { findEvaluationPair, setDisputeStatus, type DisputeStatus } from '@/db/queries/qa-evaluations';
import { siteScopeOf, type Actor, type UserPrincipal } from '@/server/auth/principal';
import { conflict, forbidden, notFound } from '@/server/errors';
import { openDisputeInput, settleDisputeInput, type OpenDisputeInput, type SettleDisputeInput } from '@/lib/qa/qa-input';
import { siteInScope } from './site-access';

export type DisputeResult = { site: string; evaluationId: number; hqEvaluationId: number; status: DisputeStatus };

async function hqRescoreOf(db: Db, siteId: number, evaluationId: number) {
  const pair = await findEvaluationPair(db, siteId, evaluationId);
  if (!pair) throw notFound('Evaluation');
  if (!pair.hq) throw notFound('HQ re-score of this evaluation');
  return pair.hq;
}

/** Only the lead of the evaluation's site opens a dispute; HQ does not dispute its own scores. */
export async function openDispute(db: Db, principal: UserPrincipal, actor: Actor, input: OpenDisputeInput): Promise<DisputeResult> {
  const { site: code, id, comment } = openDisputeInput.parse(input);
  if (principal.role !== 'site_lead') throw forbidden("Only the site's lead disputes an HQ re-score");
  const site = await siteInScope(db, siteScopeOf(principal), code);
  return db.transaction(async (tx) => {
    const hq = await hqRescoreOf(tx, site.id, id);
    const moved = await setDisputeStatus(tx, { siteId: site.id, hqEvaluationId: hq.id, from: 'none', to: 'open', comment });
    if (!moved) throw conflict(hq.disputeStatus === 'open' ? 'This re-score is already disputed' : 'This dispute has been settled');
    await insertAudit(tx, {
      ...actor,
      action: 'qa.dispute.open',
      entity: 'qa_evaluations',
      entityId: String(hq.id),
      siteId: site.id,
      details: { evaluation: id, comment },
    });
    return { site: site.code, evaluationId: id, hqEvaluationId: hq.id, status: 'open' };
  });
}

/** HQ settles an open dispute. */
export async function settleDispute(
  db: Db,
  principal: UserPrincipal,
  actor: Actor,
  input: SettleDisputeInput,
): Promise<DisputeResult> {
  const { site: code, id, outcome, resolution } = settleDisputeInput.parse(input);
  if (principal.role !== 'admin' && principal.role !== 'hq_manager') throw forbidden('HQ settles disputes');
  const site = await siteInScope(db, siteScopeOf(principal), code);
  return db.transaction(async (tx) => {
    const hq = await hqRescoreOf(tx, site.id, id);
    const moved = await setDisputeStatus(tx, { siteId: site.id, hqEvaluationId: hq.id, from: 'open', to: outcome, resolution });
    if (!moved) throw conflict(hq.disputeStatus === 'none' ? 'This re-score is not disputed' : 'This dispute has been settled');
    await insertAudit(tx, {
      ...actor,
      action: `qa.dispute.${outcome === 'upheld' ? 'uphold' : 'reject'}`,
      entity: 'qa_evaluations',
      entityId: String(hq.id),
      siteId: site.id,
      details: { evaluation: id, outcome, resolution },
    });
    return { site: site.code, evaluationId: id, hqEvaluationId: hq.id, status: outcome };
  });
}
