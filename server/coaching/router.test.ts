// Coaching through the router, as the screens call it: evaluations and calls arrive through the
// real ingest, sessions are opened, closed with a follow-up evaluation or dropped, and the
// refusals write nothing (neither a session change nor an audit entry).
import { TRPCError } from '@trpc/server';
import { and, asc, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing';
import { auditLog, qaEvaluations } from '@/db/schema';
import { cliActor, type Principal } from '@/server/auth/principal';
import { callsWithSlowAgent } from '@/server/coaching/testing';
import { ingestCalls } from '@/server/ingest/calls';
import { drawSample, submitRescore } from '@/server/qa/calibration';
import { openDispute } from '@/server/qa/disputes';
import { callerFor, createQaAccounts, publishNewForm, pushEvaluations, STD_V1, type QaAccounts } from '@/server/qa/testing';
import { createUser, setUserActive } from '@/server/users/service';
import { TEST_PASSWORD } from '@/server/users/test-accounts';

let h: DbHandle;
let a: QaAccounts;
const OPENED = new Date('2026-03-20T10:00:00Z');
const LATER = new Date('2026-03-23T10:00:00Z');
const as = (principal: Principal | undefined, now = OPENED) => callerFor(h.db, principal, now);

const SCORES = { clarity: 4, local_context: 4, identity_check: 1, disclosure: 4, resolution: 8, empathy: 5 };
let serial = 0;

async function evaluationId(siteId: number, externalId: string) {
  const [row] = await h.db
    .select({ id: qaEvaluations.id })
    .from(qaEvaluations)
    .where(and(eq(qaEvaluations.siteId, siteId), eq(qaEvaluations.externalId, externalId), eq(qaEvaluations.scope, 'site')));
  return row!.id;
}

/** A site evaluation pushed through the ingest as the site's system would, and its id. */
async function pushed(agentRef: string, evaluatedAt: string, siteId = a.sites.tun.id) {
  const externalId = `ev-${++serial}`;
  await pushEvaluations(h.db, siteId, [{ externalId, evaluatedAt, agentRef, scores: SCORES }]);
  return evaluationId(siteId, externalId);
}

async function auditActions() {
  const rows = await h.db.select({ action: auditLog.action }).from(auditLog).where(like(auditLog.action, 'coaching.%')).orderBy(asc(auditLog.id));
  return rows.map((r) => r.action);
}

async function auditCount() {
  const [row] = await h.db.select({ n: count() }).from(auditLog);
  return row!.n;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`Expected a refusal, got ${String(error)}`);
  return error.code;
}

const plan = (ownerUserId: number) => ({ objective: 'Verify identity before any account detail', ownerUserId, dueDate: '2026-03-31' });

beforeAll(async () => {
  h = await createTestDb();
  a = await createQaAccounts(h.db);
  await publishNewForm(h.db, 'STD', STD_V1);
});
afterAll(() => h.close());

describe('a session opened from an evaluation', () => {
  it('is closed by the follow-up evaluation the ingest brings, listed as a candidate first', async () => {
    const source = await pushed('AG-1', '2026-03-18T09:00:00Z');
    const lead = as(a.principals.lead);
    const opened = await lead.coaching.open({ site: 'TUN', agentRef: 'AG-1', source: { kind: 'evaluation', evaluationId: source }, ...plan(a.users.lead.id) });
    expect(opened).toMatchObject({ status: 'open', agentRef: 'AG-1', source: 'evaluation', sourceEvaluationId: source, owner: { id: a.users.lead.id, name: 'Leila Lead' } });

    // An evaluation of the agent after the opening closes nothing by itself: it is offered.
    const followUp = await pushed('AG-1', '2026-03-21T09:00:00Z');
    await pushed('AG-2', '2026-03-21T10:00:00Z');
    const listed = await as(a.principals.lead, LATER).coaching.list({ site: 'TUN', agentRef: 'AG-1' });
    expect(listed.sessions).toHaveLength(1);
    expect(listed.sessions[0]).toMatchObject({ id: opened.id, status: 'open', overdue: false });
    expect(listed.sessions[0]!.candidates.map((c) => c.id)).toEqual([followUp]);

    const closed = await as(a.principals.lead, LATER).coaching.close({ site: 'TUN', id: opened.id, followUpEvaluationId: followUp });
    expect(closed).toMatchObject({ status: 'done', followUpEvaluationId: followUp, closedBy: 'Leila Lead', candidates: [] });
    expect(closed.closedAt).toEqual(LATER);
    expect(await auditActions()).toEqual(['coaching.open', 'coaching.close']);

    const summary = await as(a.principals.hq, LATER).coaching.summary({ site: 'TUN', from: '2026-03-16', to: '2026-03-29' });
    expect(summary.timeToClose).toEqual({ closed: 1, medianDays: 3, meanDays: 3 });
  });

  it('refuses a close with an earlier evaluation, another agent\'s, another site\'s, or twice, writing nothing', async () => {
    const earlier = await pushed('AG-3', '2026-03-19T09:00:00Z');
    const lead = as(a.principals.lead);
    const session = await lead.coaching.open({ site: 'TUN', agentRef: 'AG-3', source: { kind: 'evaluation', evaluationId: earlier }, ...plan(a.users.lead.id) });
    const otherAgent = await pushed('AG-4', '2026-03-21T09:00:00Z');
    const otherSite = await pushed('AG-3', '2026-03-21T09:00:00Z', a.sites.dkr.id);
    const before = await auditCount();
    const later = as(a.principals.lead, LATER);
    for (const followUpEvaluationId of [earlier, otherAgent, otherSite, 999_999]) {
      const error = await later.coaching.close({ site: 'TUN', id: session.id, followUpEvaluationId }).catch((e: unknown) => e);
      expect(error, String(followUpEvaluationId)).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe('BAD_REQUEST');
    }
    expect(((await later.coaching.close({ site: 'TUN', id: session.id, followUpEvaluationId: earlier }).catch((e: unknown) => e)) as Error).message).toMatch(
      /before the session was opened/,
    );
    expect(await auditCount()).toBe(before);
    expect((await later.coaching.list({ site: 'TUN', agentRef: 'AG-3' })).sessions[0]).toMatchObject({ status: 'open' });

    const followUp = await pushed('AG-3', '2026-03-22T09:00:00Z');
    await later.coaching.close({ site: 'TUN', id: session.id, followUpEvaluationId: followUp });
    expect(await refusal(later.coaching.close({ site: 'TUN', id: session.id, followUpEvaluationId: followUp }))).toBe('CONFLICT');
    expect(await refusal(later.coaching.drop({ site: 'TUN', id: session.id, reason: 'Too late' }))).toBe('CONFLICT');
    expect(await refusal(later.coaching.close({ site: 'TUN', id: 424_242, followUpEvaluationId: followUp }))).toBe('NOT_FOUND');
  });

  it('is dropped with a reason, and then changes no more', async () => {
    const source = await pushed('AG-5', '2026-03-18T09:00:00Z');
    const admin = as(a.principals.admin);
    const session = await admin.coaching.open({ site: 'TUN', agentRef: 'AG-5', source: { kind: 'evaluation', evaluationId: source }, ...plan(a.users.admin.id) });
    expect(await refusal(admin.coaching.drop({ site: 'TUN', id: session.id, reason: '   ' }))).toBe('BAD_REQUEST');
    const dropped = await admin.coaching.drop({ site: 'TUN', id: session.id, reason: 'The agent left the site' });
    expect(dropped).toMatchObject({ status: 'dropped', dropReason: 'The agent left the site', closedBy: 'Ada Admin' });
    const followUp = await pushed('AG-5', '2026-03-21T09:00:00Z');
    expect(await refusal(as(a.principals.admin, LATER).coaching.close({ site: 'TUN', id: session.id, followUpEvaluationId: followUp }))).toBe('CONFLICT');
    expect((await as(a.principals.lead).coaching.list({ site: 'TUN', status: 'dropped' })).sessions.map((s) => s.id)).toEqual([session.id]);
  });
});

describe('opening', () => {
  it("takes the site's evaluation of that agent, a disputed one, or an outlier metric", async () => {
    const lead = as(a.principals.lead);
    const ofAnother = await pushed('AG-7', '2026-03-18T09:00:00Z');
    const notDisputed = await pushed('AG-6', '2026-03-18T10:00:00Z');
    const before = await auditCount();
    const open = (source: unknown, agentRef = 'AG-6', owner = a.users.lead.id, dueDate = '2026-03-31') =>
      lead.coaching.open({ site: 'TUN', agentRef, source, ...plan(owner), dueDate } as Parameters<typeof lead.coaching.open>[0]);
    expect(await refusal(open({ kind: 'evaluation', evaluationId: ofAnother }))).toBe('BAD_REQUEST');
    expect(await refusal(open({ kind: 'dispute', evaluationId: notDisputed }))).toBe('BAD_REQUEST');
    expect(await refusal(open({ kind: 'outlier', metric: 'talk_time' }))).toBe('BAD_REQUEST');
    expect(await refusal(open({ kind: 'outlier', metric: 'aht' }, 'AG-6', a.users.lead.id, '2026-03-19'))).toBe('BAD_REQUEST');
    expect(await refusal(open({ kind: 'outlier', metric: 'aht' }, 'AG-6', a.users.lead.id, '2026-02-30'))).toBe('BAD_REQUEST');
    expect(await refusal(lead.coaching.open({ site: 'TUN', agentRef: 'AG-6', source: { kind: 'outlier', metric: 'aht' }, ...plan(a.users.lead.id), objective: '' }))).toBe(
      'BAD_REQUEST',
    );
    expect(await auditCount()).toBe(before);

    // A dispute: HQ re-scored the site's evaluation and the lead contested the re-score.
    const disputed = await pushed('AG-6', '2026-03-10T09:00:00Z');
    await drawSample(h.db, { scope: { all: true }, actor: cliActor(), requestedBy: null, input: { site: 'TUN', from: '2026-03-10', to: '2026-03-10', size: 200 } });
    await submitRescore(h.db, { scope: { all: true }, actor: cliActor(), evaluator: 'HQ QA', input: { site: 'TUN', id: disputed, scores: SCORES }, now: OPENED });
    await openDispute(h.db, a.principals.lead, cliActor(), { site: 'TUN', id: disputed, comment: 'The caller was verified' });
    expect(await open({ kind: 'dispute', evaluationId: disputed })).toMatchObject({ source: 'dispute', sourceEvaluationId: disputed });
    expect(await open({ kind: 'outlier', metric: 'qa_score' })).toMatchObject({ source: 'outlier', sourceMetric: 'qa_score', sourceEvaluationId: null });
  });

  it('gives the session to an active lead of the site or an administrator only', async () => {
    const lead = as(a.principals.lead);
    const inactive = await createUser(h.db, cliActor(), { email: `gone${++serial}@x.test`, name: 'Gone Lead', role: 'site_lead', siteCode: 'TUN', password: TEST_PASSWORD });
    await setUserActive(h.db, cliActor(), { id: inactive.id, active: false });
    const owners = await lead.coaching.owners({ site: 'TUN' });
    expect(owners.owners.map((o) => o.name).sort()).toEqual(['Ada Admin', 'Leila Lead']);
    for (const owner of [a.users.hq.id, a.principals.leadDkr.userId, inactive.id, 987_654]) {
      expect(await refusal(lead.coaching.open({ site: 'TUN', agentRef: 'AG-8', source: { kind: 'outlier', metric: 'aht' }, ...plan(owner) })), String(owner)).toBe('BAD_REQUEST');
    }
    expect(await lead.coaching.open({ site: 'TUN', agentRef: 'AG-8', source: { kind: 'outlier', metric: 'aht' }, ...plan(a.users.admin.id) })).toMatchObject({
      owner: { id: a.users.admin.id },
    });
  });
});

describe('access', () => {
  it("keeps a lead to their own site and HQ managers to reading", async () => {
    const dkrEvaluation = await pushed('DK-1', '2026-03-18T09:00:00Z', a.sites.dkr.id);
    const leadTun = as(a.principals.lead);
    const before = await auditCount();
    const dkrOpen = { site: 'DKR', agentRef: 'DK-1', source: { kind: 'evaluation' as const, evaluationId: dkrEvaluation }, ...plan(a.principals.leadDkr.userId) };
    expect(await refusal(leadTun.coaching.open(dkrOpen))).toBe('FORBIDDEN');
    expect(await refusal(leadTun.coaching.open({ ...dkrOpen, site: 'NOPE' }))).toBe('FORBIDDEN');
    expect(await refusal(as(a.principals.hq).coaching.open(dkrOpen))).toBe('FORBIDDEN');
    expect(await refusal(leadTun.coaching.list({ site: 'DKR' }))).toBe('NOT_FOUND');
    expect(await refusal(leadTun.coaching.summary({ site: 'DKR', from: '2026-03-01', to: '2026-03-19' }))).toBe('NOT_FOUND');
    expect(await refusal(as(undefined).coaching.list({ site: 'TUN' }))).toBe('UNAUTHORIZED');

    const session = await as(a.principals.leadDkr).coaching.open(dkrOpen);
    expect(await refusal(leadTun.coaching.drop({ site: 'DKR', id: session.id, reason: 'Not mine' }))).toBe('FORBIDDEN');
    // Naming one's own site with another site's session id finds nothing.
    expect(await refusal(leadTun.coaching.drop({ site: 'TUN', id: session.id, reason: 'Not mine' }))).toBe('NOT_FOUND');
    expect(await auditCount()).toBe(before + 1);
    expect((await as(a.principals.hq).coaching.list({ site: 'DKR' })).sessions.map((s) => s.id)).toEqual([session.id]);
  });
});

describe('coaching.summary', () => {
  /** A week of calls: six agents near 200 s of handling, and SLOW at 900 s, 30 calls each on 4 March. */
  async function pushWeekOfCalls() {
    const records = callsWithSlowAgent(new Date('2026-03-04T08:00:00+01:00'), 'call-');
    const result = await ingestCalls(h.db, { siteId: a.sites.tun.id, actor: cliActor(), records });
    expect(result.rejected).toEqual([]);
  }

  it('counts a flagged week covered by a session opened within 14 days after it', async () => {
    await pushWeekOfCalls();
    const range = { site: 'TUN', from: '2026-03-02', to: '2026-03-08' };
    const afterWindow = new Date('2026-03-25T10:00:00Z');
    const uncovered = await as(a.principals.lead, afterWindow).coaching.summary(range);
    expect(uncovered.flags).toEqual([{ agentRef: 'SLOW', weekStart: '2026-03-02', state: 'missed' }]);
    expect(uncovered.coverage).toMatchObject({ flags: 1, covered: 0, pending: 0, coverage: 0 });
    // While the window is open, the flag is pending: out of the denominator.
    expect((await as(a.principals.lead, OPENED).coaching.summary(range)).coverage).toMatchObject({ pending: 1, coverage: null });

    await as(a.principals.lead, OPENED).coaching.open({ site: 'TUN', agentRef: 'SLOW', source: { kind: 'outlier', metric: 'aht' }, ...plan(a.users.lead.id) });
    const covered = await as(a.principals.lead, afterWindow).coaching.summary(range);
    expect(covered.flags).toEqual([{ agentRef: 'SLOW', weekStart: '2026-03-02', state: 'covered' }]);
    expect(covered.coverage).toMatchObject({ flags: 1, covered: 1, coverage: 1 });
    expect(covered.open).toBeGreaterThan(0);
    // Due on the 31st: overdue from 1 April on.
    const april = await as(a.principals.lead, new Date('2026-04-01T10:00:00Z')).coaching.summary(range);
    expect(april.overdue).toBe(april.open);
  });
});
