// A site cannot see what HQ drew for calibration, nor rewrite it: a change to a drawn or re-scored
// evaluation is refused record by record (the batch keeps its valid records), and every changed
// evaluation is audited with what it was and what it became. Through the REST handler with a
// real site key, and tRPC for what the lead and the admin read.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { handleRest } from '@/server/rest/handler';
import { contextFromRequest } from '@/server/trpc/request-context';
import type { CriterionInput } from '@/lib/qa/form-input';
import { callerFor, createQaAccounts, publishNewForm, type QaAccounts } from './testing';

let h: DbHandle;
let a: QaAccounts;
const as = (principal?: Parameters<typeof callerFor>[1]) => callerFor(h.db, principal);

const CRITERIA: CriterionInput[] = [
  { key: 'a', label: 'Language', category: 'language', weight: 1, maxScore: 10, critical: false },
  { key: 'b', label: 'Culture', category: 'culture', weight: 1, maxScore: 10, critical: false },
];

const evaluation = (externalId: string, evaluatedAt: string, a: number, b: number, extra: Record<string, unknown> = {}) => ({
  externalId,
  evaluatedAt,
  formCode: 'STD',
  agentRef: 'AG-7',
  callExternalId: `call-${externalId}`,
  evaluator: 'Site QA',
  scores: { a, b },
  ...extra,
});

async function push(evaluations: unknown[]) {
  const req = new Request('http://vigie.test/api/v1/evaluations', {
    method: 'POST',
    headers: { authorization: `Bearer ${a.siteKeySecret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ evaluations }),
  });
  const res = await handleRest(req, (r) => contextFromRequest(r, { handle: h, session: async () => null }));
  return { status: res.status, json: (await res.json()) as { inserted: number; updated: number; rejected: { index: number; externalId: string; errors: { path: string; message: string }[] }[] } };
}

const ids: Record<string, number> = {};

beforeAll(async () => {
  h = await createTestDb();
  a = await createQaAccounts(h.db);
  await publishNewForm(h.db, 'STD', CRITERIA);
  const first = await push([
    evaluation('drawn', '2026-03-02T10:00:00+01:00', 9, 9),
    evaluation('paired', '2026-03-03T10:00:00+01:00', 9, 9),
    evaluation('free', '2026-03-10T10:00:00+01:00', 6, 6),
  ]);
  expect(first.json).toMatchObject({ inserted: 3, rejected: [] });
  for (const row of (await as(a.principals.lead).qa.evaluations.list({ site: 'TUN' })).rows) ids[row.callExternalId!.replace('call-', '')] = row.id;
  const hq = as(a.principals.hq);
  // One day each, so each draw takes exactly that evaluation.
  await hq.qa.calibration.draw({ site: 'TUN', from: '2026-03-02', to: '2026-03-02', size: 1 });
  await hq.qa.calibration.draw({ site: 'TUN', from: '2026-03-03', to: '2026-03-03', size: 1 });
  await hq.qa.calibration.rescore({ site: 'TUN', id: ids.paired!, scores: { a: 5, b: 5 } });
});
afterAll(async () => {
  await h.close();
});

describe('what the site sees of a draw', () => {
  it('never says which evaluations were drawn', async () => {
    const lead = as(a.principals.lead);
    const rows = (await lead.qa.evaluations.list({ site: 'TUN' })).rows;
    expect(rows.map((r) => r.awaitingRescore)).toEqual([false, false, false]);
    expect((await lead.qa.evaluations.get({ site: 'TUN', id: ids.drawn! })).awaitingRescore).toBe(false);
    // HQ is told.
    expect((await as(a.principals.hq).qa.evaluations.get({ site: 'TUN', id: ids.drawn! })).awaitingRescore).toBe(true);
  });
});

describe('a site pushing again an evaluation HQ drew or re-scored', () => {
  it('is refused for that record with a clear reason; the batch keeps its valid records', async () => {
    const gapBefore = (await as(a.principals.hq).qa.calibrationSummary({ from: '2026-03-01', to: '2026-03-31', sites: 'TUN' })).sites[0]!;
    const answer = await push([
      evaluation('paired', '2026-03-03T10:00:00+01:00', 5, 5), // HQ's scores, seen on the comparison
      evaluation('new-1', '2026-03-11T10:00:00+01:00', 7, 7),
      evaluation('drawn', '2026-03-02T10:00:00+01:00', 5, 5),
      evaluation('drawn', '2026-03-02T10:00:00+01:00', 9, 9, { comment: 'Reworded' }),
    ]);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ inserted: 1, updated: 0 });
    expect(answer.json.rejected.map((r) => [r.index, r.externalId])).toEqual([
      [0, 'paired'],
      [2, 'drawn'],
      [3, 'drawn'],
    ]);
    expect(answer.json.rejected[0]!.errors[0]!.message).toMatch(/calibration: it can no longer be changed/);
    expect(answer.json.rejected[2]!.errors[0]!.message).toMatch(/Duplicate/);

    const lead = as(a.principals.lead);
    expect((await lead.qa.evaluations.get({ site: 'TUN', id: ids.paired! })).evaluation.score).toBeCloseTo(90, 9);
    expect((await lead.qa.evaluations.get({ site: 'TUN', id: ids.drawn! })).evaluation.score).toBeCloseTo(90, 9);
    const gapAfter = (await as(a.principals.hq).qa.calibrationSummary({ from: '2026-03-01', to: '2026-03-31', sites: 'TUN' })).sites[0]!;
    expect(gapAfter).toMatchObject({ pairs: 1, bias: gapBefore.bias });
    expect(gapAfter.bias).toBeCloseTo(40, 9);

    const [batch] = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'evaluations.ingest'), eq(auditLog.siteId, a.sites.tun.id)))
      .orderBy(auditLog.id)
      .then((rows) => rows.slice(-1));
    expect(batch?.details).toMatchObject({ inserted: 1, rejected: 3, refusedInCalibration: ['paired', 'drawn'] });
  });

  it('is accepted when nothing changes, so a site may send its whole file again', async () => {
    const answer = await push([evaluation('drawn', '2026-03-02T10:00:00+01:00', 9, 9), evaluation('paired', '2026-03-03T10:00:00+01:00', 9, 9)]);
    expect(answer.json).toMatchObject({ inserted: 0, updated: 0, rejected: [] });
  });
});

describe('every changed evaluation', () => {
  it('is audited with what it was and what it became', async () => {
    const answer = await push([evaluation('free', '2026-03-10T10:00:00+01:00', 8, 6, { comment: 'Second listen' })]);
    expect(answer.json).toMatchObject({ inserted: 0, updated: 1, rejected: [] });
    const rows = await h.db.select().from(auditLog).where(eq(auditLog.action, 'qa.evaluation.update'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorType: 'site_key', entity: 'qa_evaluations', entityId: String(ids.free), siteId: a.sites.tun.id });
    expect(rows[0]!.details).toEqual({
      externalId: 'free',
      before: {
        form: 'STD@1',
        agentRef: 'AG-7',
        callExternalId: 'call-free',
        evaluator: 'Site QA',
        evaluatedAt: '2026-03-10T09:00:00.000Z',
        score: 60,
        criticalFailed: false,
        comment: null,
        scores: { a: 6, b: 6 },
      },
      after: {
        form: 'STD@1',
        agentRef: 'AG-7',
        callExternalId: 'call-free',
        evaluator: 'Site QA',
        evaluatedAt: '2026-03-10T09:00:00.000Z',
        score: 70,
        criticalFailed: false,
        comment: 'Second listen',
        scores: { a: 8, b: 6 },
      },
    });
  });

  it('has its scores withheld from the audit log while it waits for a blind re-score', async () => {
    const admin = as(a.principals.admin);
    const entry = () => admin.audit.list({ action: 'qa.evaluation.update' }).then((p) => p.rows[0]!);
    expect((await entry()).details).toMatchObject({ before: { score: 60 } });
    await as(a.principals.hq).qa.calibration.draw({ site: 'TUN', from: '2026-03-10', to: '2026-03-10', size: 1 });
    const withheld = await entry();
    expect(withheld.details).toEqual({ externalId: 'free', withheld: 'Awaiting a blind re-score by HQ' });
    expect(JSON.stringify(withheld)).not.toMatch(/"score"/);
    await admin.qa.calibration.rescore({ site: 'TUN', id: ids.free!, scores: { a: 7, b: 7 } });
    expect((await entry()).details).toMatchObject({ after: { score: 70 } });
  });
});
