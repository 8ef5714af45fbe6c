// Coaching sessions of a site's agents: open, close (done with a follow-up evaluation, or dropped
// with a reason), list with their owners, and the reads the coverage and time to close take. A
// session changes only while open: the updates say so in their where clause, so that two closes
// racing leave one winner.
import { aliasedTable, and, asc, desc, eq, gt, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { coachingSessions, qaEvaluations, users, type CoachingSessionRow } from '../schema';

export type CoachingListRow = CoachingSessionRow & { ownerName: string | null; openedByName: string | null; closedByName: string | null };

const owners = aliasedTable(users, 'owners');
const openers = aliasedTable(users, 'openers');
const closers = aliasedTable(users, 'closers');

export async function listCoachingRows(
  db: Db,
  q: { siteId: number; id?: number; agentRef?: string; status?: 'open' | 'done' | 'dropped'; limit?: number },
): Promise<CoachingListRow[]> {
  const rows = await db
    .select({ row: coachingSessions, ownerName: owners.name, openedByName: openers.name, closedByName: closers.name })
    .from(coachingSessions)
    .leftJoin(owners, eq(owners.id, coachingSessions.ownerUserId))
    .leftJoin(openers, eq(openers.id, coachingSessions.openedByUserId))
    .leftJoin(closers, eq(closers.id, coachingSessions.closedByUserId))
    .where(
      and(
        eq(coachingSessions.siteId, q.siteId),
        q.id === undefined ? undefined : eq(coachingSessions.id, q.id),
        q.agentRef === undefined ? undefined : eq(coachingSessions.agentRef, q.agentRef),
        q.status === undefined ? undefined : eq(coachingSessions.status, q.status),
      ),
    )
    // Open ones first (what the lead acts on), then the most recent.
    .orderBy(sql`${coachingSessions.status} <> 'open'`, desc(coachingSessions.openedAt), desc(coachingSessions.id))
    .limit(q.limit ?? 500);
  return rows.map(({ row, ...names }) => ({ ...row, ...names }));
}

export async function findCoachingRow(db: Db, siteId: number, id: number): Promise<CoachingSessionRow | null> {
  const [row] = await db
    .select()
    .from(coachingSessions)
    .where(and(eq(coachingSessions.siteId, siteId), eq(coachingSessions.id, id)));
  return row ?? null;
}

export type NewCoachingSession = {
  siteId: number;
  agentRef: string;
  source: 'evaluation' | 'dispute' | 'outlier';
  sourceEvaluationId: number | null;
  sourceMetric: string | null;
  objective: string;
  ownerUserId: number;
  dueDate: string;
  openedByUserId: number | null;
};

export async function insertCoachingRow(db: Db, values: NewCoachingSession, at: Date): Promise<CoachingSessionRow> {
  const [row] = await db
    .insert(coachingSessions)
    .values({ ...values, status: 'open', openedAt: at, updatedAt: at })
    .returning();
  if (!row) throw new Error('Opening a coaching session returned no row');
  return row;
}

/** Marks an open session done; null when it was not open (any more). */
export async function closeCoachingRow(
  db: Db,
  q: { siteId: number; id: number; followUpEvaluationId: number; userId: number | null },
  at: Date,
): Promise<CoachingSessionRow | null> {
  const [row] = await db
    .update(coachingSessions)
    .set({ status: 'done', followUpEvaluationId: q.followUpEvaluationId, closedAt: at, closedByUserId: q.userId, updatedAt: at })
    .where(and(eq(coachingSessions.siteId, q.siteId), eq(coachingSessions.id, q.id), eq(coachingSessions.status, 'open')))
    .returning();
  return row ?? null;
}

/** Drops an open session with its reason; null when it was not open (any more). */
export async function dropCoachingRow(db: Db, q: { siteId: number; id: number; reason: string; userId: number | null }, at: Date): Promise<CoachingSessionRow | null> {
  const [row] = await db
    .update(coachingSessions)
    .set({ status: 'dropped', dropReason: q.reason, closedAt: at, closedByUserId: q.userId, updatedAt: at })
    .where(and(eq(coachingSessions.siteId, q.siteId), eq(coachingSessions.id, q.id), eq(coachingSessions.status, 'open')))
    .returning();
  return row ?? null;
}

export type CoachingEvaluation = {
  id: number;
  scope: 'site' | 'hq';
  agentRef: string;
  evaluatedAt: Date;
  localDay: string;
  score: number | null;
  disputeStatus: 'none' | 'open' | 'upheld' | 'rejected';
  calibratesId: number | null;
};

const evaluationColumns = {
  id: qaEvaluations.id,
  scope: qaEvaluations.scope,
  agentRef: qaEvaluations.agentRef,
  evaluatedAt: qaEvaluations.evaluatedAt,
  localDay: qaEvaluations.localDay,
  score: qaEvaluations.score,
  disputeStatus: qaEvaluations.disputeStatus,
  calibratesId: qaEvaluations.calibratesId,
};

/** One evaluation of a site, of either scope, by id. */
export async function findCoachingEvaluation(db: Db, siteId: number, id: number): Promise<CoachingEvaluation | null> {
  const [row] = await db
    .select(evaluationColumns)
    .from(qaEvaluations)
    .where(and(eq(qaEvaluations.siteId, siteId), eq(qaEvaluations.id, id)));
  return row ?? null;
}

/** HQ's re-score of a site evaluation, if any: where a dispute's status is kept. */
export async function findHqRescoreOf(db: Db, siteId: number, siteEvaluationId: number): Promise<CoachingEvaluation | null> {
  const [row] = await db
    .select(evaluationColumns)
    .from(qaEvaluations)
    .where(and(eq(qaEvaluations.siteId, siteId), eq(qaEvaluations.calibratesId, siteEvaluationId), eq(qaEvaluations.scope, 'hq')));
  return row ?? null;
}

/**
 * Site evaluations of these agents evaluated after an instant, newest first: the follow-up
 * candidates of open sessions (each session keeps those after its own opening).
 */
export async function listFollowUpCandidates(db: Db, q: { siteId: number; agentRefs: string[]; after: Date; limit?: number }): Promise<CoachingEvaluation[]> {
  if (q.agentRefs.length === 0) return [];
  return db
    .select(evaluationColumns)
    .from(qaEvaluations)
    .where(
      and(
        eq(qaEvaluations.siteId, q.siteId),
        eq(qaEvaluations.scope, 'site'),
        inArray(qaEvaluations.agentRef, q.agentRefs),
        gt(qaEvaluations.evaluatedAt, q.after),
      ),
    )
    .orderBy(desc(qaEvaluations.evaluatedAt), desc(qaEvaluations.id))
    .limit(q.limit ?? 1000);
}

/** Sessions opened in [from, to): the openings that cover flags. */
export async function listCoachingOpenings(db: Db, q: { siteId: number; from: Date; to: Date }): Promise<{ agentRef: string; openedAt: Date }[]> {
  return db
    .select({ agentRef: coachingSessions.agentRef, openedAt: coachingSessions.openedAt })
    .from(coachingSessions)
    .where(and(eq(coachingSessions.siteId, q.siteId), gte(coachingSessions.openedAt, q.from), lt(coachingSessions.openedAt, q.to)));
}

/** Sessions closed done in [from, to): the time to close. */
export async function listClosedDone(db: Db, q: { siteId: number; from: Date; to: Date }): Promise<{ openedAt: Date; closedAt: Date }[]> {
  const rows = await db
    .select({ openedAt: coachingSessions.openedAt, closedAt: coachingSessions.closedAt })
    .from(coachingSessions)
    .where(
      and(
        eq(coachingSessions.siteId, q.siteId),
        eq(coachingSessions.status, 'done'),
        gte(coachingSessions.closedAt, q.from),
        lt(coachingSessions.closedAt, q.to),
      ),
    );
  return rows.flatMap((r) => (r.closedAt ? [{ openedAt: r.openedAt, closedAt: r.closedAt }] : []));
}

/** The due dates of a site's open sessions. */
export async function listOpenDueDates(db: Db, siteId: number): Promise<{ status: 'open'; dueDate: string }[]> {
  const rows = await db
    .select({ dueDate: coachingSessions.dueDate })
    .from(coachingSessions)
    .where(and(eq(coachingSessions.siteId, siteId), eq(coachingSessions.status, 'open')));
  return rows.map((r) => ({ status: 'open' as const, dueDate: r.dueDate }));
}

/** Who may run a site's sessions: its active leads and the active administrators. */
export async function listCoachingOwners(db: Db, siteId: number): Promise<{ id: number; name: string; email: string; role: 'admin' | 'site_lead' }[]> {
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), sql`(${users.role} = 'admin' or (${users.role} = 'site_lead' and ${users.siteId} = ${siteId}))`))
    .orderBy(asc(users.name), asc(users.id));
  return rows.map((r) => ({ ...r, role: r.role === 'admin' ? 'admin' : 'site_lead' }));
}
