// Coaching sessions (DESIGN "Agents", docs/coaching.md): a site's lead (or an administrator)
// opens one for an agent from an evaluation, a disputed evaluation or an outlier flag, with an
// objective, an owner and a due date; closes it done with a follow-up evaluation of the same agent
// evaluated after the opening, or drops it with a reason. Only open sessions change. Every write
// is audited in its transaction. Nothing closes a session by itself: an evaluation ingested for
// an agent with an open session shows as a follow-up candidate in the list, for one click.
import type { Db } from '@/db/client';
import { readAgentWeeklySums } from '@/db/queries/agents';
import { insertAudit } from '@/db/queries/audit';
import {
  closeCoachingRow,
  dropCoachingRow,
  findCoachingEvaluation,
  findCoachingRow,
  findHqRescoreOf,
  insertCoachingRow,
  listClosedDone,
  listCoachingOpenings,
  listCoachingOwners,
  listCoachingRows,
  listFollowUpCandidates,
  listOpenDueDates,
  type CoachingListRow,
} from '@/db/queries/coaching';
import { findUserById } from '@/db/queries/users';
import { addDays, localDayOf, localMidnight } from '@/db/local-time';
import type { Site } from '@/db/schema';
import {
  closeCoachingInput,
  coachingOwnersInput,
  coachingSummaryInput,
  dropCoachingInput,
  listCoachingInput,
  openCoachingInput,
  type CoachingStatus,
} from '@/lib/agents/coaching-input';
import { coachingCoverage, coverageWindowEnd, openAndOverdue, timeToClose, weeklyFlags, type Coverage, type TimeToClose } from '@/lib/agents/coaching-metrics';
import type { OutlierMetric } from '@/lib/agents/outliers';
import { agentFiguresOf } from '@/lib/agents/scorecard';
import { isoWeekStart, todayIn } from '@/lib/kpi/periods';
import { siteScopeOf, type Actor, type UserPrincipal } from '@/server/auth/principal';
import { badRequest, conflict, DomainError, notFound } from '@/server/errors';
import { siteForLeadOrAdmin, siteInScope } from '@/server/qa/site-access';

export const OTHER_SITE_MESSAGE = "A site's coaching is its own: a site lead works on their site only";
export const NOT_OPEN_MESSAGE = 'Only an open session can be closed or dropped';

/** A reader's site: their own (another one is "not found", so a lead cannot probe codes), any for HQ. */
function readableSite(db: Db, principal: UserPrincipal, code: string): Promise<Site> {
  return siteInScope(db, siteScopeOf(principal), code);
}

export type CoachingCandidate = { id: number; evaluatedAt: Date; day: string; score: number | null };

export type CoachingSessionView = {
  id: number;
  site: string;
  agentRef: string;
  status: CoachingStatus;
  source: 'evaluation' | 'dispute' | 'outlier';
  sourceEvaluationId: number | null;
  sourceMetric: OutlierMetric | null;
  objective: string;
  owner: { id: number; name: string | null };
  dueDate: string;
  overdue: boolean;
  openedAt: Date;
  openedBy: string | null;
  closedAt: Date | null;
  closedBy: string | null;
  followUpEvaluationId: number | null;
  dropReason: string | null;
  /** For an open session: the agent's site evaluations evaluated after it was opened, newest first. */
  candidates: CoachingCandidate[];
};

/** How many follow-up candidates a session lists (the newest). */
export const MAX_CANDIDATES = 20;

function viewOf(site: Site, row: CoachingListRow, today: string, candidates: CoachingCandidate[]): CoachingSessionView {
  return {
    id: row.id,
    site: site.code,
    agentRef: row.agentRef,
    status: row.status,
    source: row.source,
    sourceEvaluationId: row.sourceEvaluationId,
    sourceMetric: row.sourceMetric as OutlierMetric | null,
    objective: row.objective,
    owner: { id: row.ownerUserId, name: row.ownerName },
    dueDate: row.dueDate,
    overdue: row.status === 'open' && row.dueDate < today,
    openedAt: row.openedAt,
    openedBy: row.openedByName,
    closedAt: row.closedAt,
    closedBy: row.closedByName,
    followUpEvaluationId: row.followUpEvaluationId,
    dropReason: row.dropReason,
    candidates,
  };
}

export async function listCoaching(db: Db, principal: UserPrincipal, input: unknown, now: Date): Promise<{ site: string; sessions: CoachingSessionView[] }> {
  const q = listCoachingInput.parse(input);
  const site = await readableSite(db, principal, q.site);
  const rows = await listCoachingRows(db, { siteId: site.id, agentRef: q.agentRef, status: q.status });
  const open = rows.filter((r) => r.status === 'open');
  const earliest = open.reduce<Date | null>((min, r) => (min === null || r.openedAt < min ? r.openedAt : min), null);
  const evaluations = earliest
    ? await listFollowUpCandidates(db, { siteId: site.id, agentRefs: [...new Set(open.map((r) => r.agentRef))], after: earliest })
    : [];
  const today = todayIn(now, site.timezone);
  const sessions = rows.map((row) => {
    const candidates =
      row.status === 'open'
        ? evaluations
            .filter((e) => e.agentRef === row.agentRef && e.evaluatedAt > row.openedAt)
            .slice(0, MAX_CANDIDATES)
            .map((e) => ({ id: e.id, evaluatedAt: e.evaluatedAt, day: e.localDay, score: e.score }))
        : [];
    return viewOf(site, row, today, candidates);
  });
  return { site: site.code, sessions };
}

export async function listOwners(db: Db, principal: UserPrincipal, input: unknown) {
  const q = coachingOwnersInput.parse(input);
  const site = await readableSite(db, principal, q.site);
  return { site: site.code, owners: await listCoachingOwners(db, site.id) };
}

/** The source evaluation must be the site's evaluation of that agent (a dispute: one that is disputed). */
async function checkSourceEvaluation(db: Db, site: Site, agentRef: string, kind: 'evaluation' | 'dispute', id: number): Promise<void> {
  const evaluation = await findCoachingEvaluation(db, site.id, id);
  if (!evaluation) throw badRequest(`The site ${site.code} has no evaluation ${id}`);
  if (evaluation.agentRef !== agentRef) throw badRequest(`Evaluation ${id} is of agent ${evaluation.agentRef}, not ${agentRef}`);
  if (kind === 'evaluation') {
    if (evaluation.scope !== 'site') throw badRequest(`Evaluation ${id} is a re-score by headquarters, not the site's evaluation`);
    return;
  }
  // A dispute is kept on HQ's re-score; the site's evaluation names it through that re-score.
  const disputed = evaluation.scope === 'hq' ? evaluation : await findHqRescoreOf(db, site.id, id);
  if (!disputed || disputed.disputeStatus === 'none') throw badRequest(`Evaluation ${id} has not been disputed`);
}

/** The owner runs the session: an active lead of the site or an active administrator. */
async function checkOwner(db: Db, site: Site, ownerUserId: number): Promise<void> {
  const owner = await findUserById(db, ownerUserId);
  const reaches = owner?.role === 'admin' || (owner?.role === 'site_lead' && owner.siteId === site.id);
  if (!owner || !owner.active || !reaches) {
    throw new DomainError('BAD_REQUEST', `The owner must be an active lead of ${site.code} or an active administrator`);
  }
}

const userIdOf = (principal: UserPrincipal) => principal.userId;

export async function openCoaching(db: Db, principal: UserPrincipal, actor: Actor, input: unknown, now: Date): Promise<CoachingSessionView> {
  const q = openCoachingInput.parse(input);
  const site = await siteForLeadOrAdmin(db, principal, q.site, OTHER_SITE_MESSAGE);
  const today = todayIn(now, site.timezone);
  if (q.dueDate < today) throw badRequest(`The due date is before today (${today} at ${site.code})`);
  await checkOwner(db, site, q.ownerUserId);
  if (q.source.kind !== 'outlier') await checkSourceEvaluation(db, site, q.agentRef, q.source.kind, q.source.evaluationId);
  const id = await db.transaction(async (tx) => {
    const row = await insertCoachingRow(
      tx,
      {
        siteId: site.id,
        agentRef: q.agentRef,
        source: q.source.kind,
        sourceEvaluationId: q.source.kind === 'outlier' ? null : q.source.evaluationId,
        sourceMetric: q.source.kind === 'outlier' ? q.source.metric : null,
        objective: q.objective,
        ownerUserId: q.ownerUserId,
        dueDate: q.dueDate,
        openedByUserId: userIdOf(principal),
      },
      now,
    );
    await insertAudit(tx, {
      ...actor,
      action: 'coaching.open',
      entity: 'coaching_sessions',
      entityId: String(row.id),
      siteId: site.id,
      details: { agentRef: q.agentRef, source: q.source, objective: q.objective, ownerUserId: q.ownerUserId, dueDate: q.dueDate },
    });
    return row.id;
  });
  return sessionView(db, site, id, now);
}

async function sessionView(db: Db, site: Site, id: number, now: Date): Promise<CoachingSessionView> {
  const [row] = await listCoachingRows(db, { siteId: site.id, id });
  if (!row) throw notFound('Coaching session');
  return viewOf(site, row, todayIn(now, site.timezone), []);
}

export async function closeCoaching(db: Db, principal: UserPrincipal, actor: Actor, input: unknown, now: Date): Promise<CoachingSessionView> {
  const q = closeCoachingInput.parse(input);
  const site = await siteForLeadOrAdmin(db, principal, q.site, OTHER_SITE_MESSAGE);
  await db.transaction(async (tx) => {
    const session = await findCoachingRow(tx, site.id, q.id);
    if (!session) throw notFound('Coaching session');
    if (session.status !== 'open') throw conflict(NOT_OPEN_MESSAGE);
    const followUp = await findCoachingEvaluation(tx, site.id, q.followUpEvaluationId);
    if (!followUp || followUp.scope !== 'site') throw badRequest(`The site ${site.code} has no evaluation ${q.followUpEvaluationId}`);
    if (followUp.agentRef !== session.agentRef) {
      throw badRequest(`Evaluation ${followUp.id} is of agent ${followUp.agentRef}; the session is for ${session.agentRef}`);
    }
    if (followUp.evaluatedAt <= session.openedAt) {
      throw badRequest(`Evaluation ${followUp.id} was evaluated before the session was opened: a follow-up comes after the coaching`);
    }
    const closed = await closeCoachingRow(tx, { siteId: site.id, id: q.id, followUpEvaluationId: followUp.id, userId: userIdOf(principal) }, now);
    if (!closed) throw conflict(NOT_OPEN_MESSAGE);
    await insertAudit(tx, {
      ...actor,
      action: 'coaching.close',
      entity: 'coaching_sessions',
      entityId: String(q.id),
      siteId: site.id,
      details: { agentRef: session.agentRef, followUpEvaluationId: followUp.id },
    });
  });
  return sessionView(db, site, q.id, now);
}

export async function dropCoaching(db: Db, principal: UserPrincipal, actor: Actor, input: unknown, now: Date): Promise<CoachingSessionView> {
  const q = dropCoachingInput.parse(input);
  const site = await siteForLeadOrAdmin(db, principal, q.site, OTHER_SITE_MESSAGE);
  await db.transaction(async (tx) => {
    const session = await findCoachingRow(tx, site.id, q.id);
    if (!session) throw notFound('Coaching session');
    if (session.status !== 'open') throw conflict(NOT_OPEN_MESSAGE);
    const dropped = await dropCoachingRow(tx, { siteId: site.id, id: q.id, reason: q.reason, userId: userIdOf(principal) }, now);
    if (!dropped) throw conflict(NOT_OPEN_MESSAGE);
    await insertAudit(tx, {
      ...actor,
      action: 'coaching.drop',
      entity: 'coaching_sessions',
      entityId: String(q.id),
      siteId: site.id,
      details: { agentRef: session.agentRef, reason: q.reason },
    });
  });
  return sessionView(db, site, q.id, now);
}

export type CoachingSummary = {
  site: string;
  from: string;
  to: string;
  coverage: Omit<Coverage, 'items'>;
  /** The flagged (agent, week) pairs of the weeks the period touches, with whether each was covered. */
  flags: Coverage['items'];
  timeToClose: TimeToClose;
  open: number;
  overdue: number;
};

/**
 * Coverage of the flags of the ISO weeks the period touches (whole weeks, so a week is judged on
 * all its days), time to close of the sessions closed done in the period, and the open and
 * overdue sessions now. Shared by coaching.summary and the digest.
 */
export async function summariseCoaching(db: Db, site: Pick<Site, 'id' | 'code' | 'timezone'>, from: string, to: string, now: Date): Promise<CoachingSummary> {
  const firstWeek = isoWeekStart(from);
  const lastWeek = isoWeekStart(to);
  // Four independent reads, side by side.
  const [sums, openings, closed, dueDates] = await Promise.all([
    readAgentWeeklySums(db, { siteId: site.id, from: firstWeek, to: addDays(lastWeek, 6) }),
    listCoachingOpenings(db, {
      siteId: site.id,
      from: localMidnight(firstWeek, site.timezone),
      to: localMidnight(addDays(coverageWindowEnd(lastWeek), 1), site.timezone),
    }),
    listClosedDone(db, { siteId: site.id, from: localMidnight(from, site.timezone), to: localMidnight(addDays(to, 1), site.timezone) }),
    listOpenDueDates(db, site.id),
  ]);
  const byWeek = new Map<string, ReturnType<typeof agentFiguresOf>[]>();
  for (const s of sums) byWeek.set(s.weekStart, [...(byWeek.get(s.weekStart) ?? []), agentFiguresOf(s)]);
  const flags = weeklyFlags([...byWeek].map(([weekStart, agents]) => ({ weekStart, agents })));
  const today = todayIn(now, site.timezone);
  const { items, ...coverage } = coachingCoverage(
    flags,
    openings.map((o) => ({ agentRef: o.agentRef, openedDay: localDayOf(o.openedAt, site.timezone) })),
    today,
  );
  const { open, overdue } = openAndOverdue(dueDates, today);
  return { site: site.code, from, to, coverage, flags: items, timeToClose: timeToClose(closed), open, overdue };
}

export async function coachingSummary(db: Db, principal: UserPrincipal, input: unknown, now: Date): Promise<CoachingSummary> {
  const q = coachingSummaryInput.parse(input);
  const site = await readableSite(db, principal, q.site);
  return summariseCoaching(db, site, q.from, q.to, now);
}
