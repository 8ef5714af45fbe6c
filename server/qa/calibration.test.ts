import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, qaCalibrationItems } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { cliActor } from '@/server/auth/principal';
import { ingestCalls } from '@/server/ingest/calls';
import { createHqRescore } from '@/server/ingest/evaluations';
import { drawSample } from './calibration';
import type { CriterionInput } from '@/lib/qa/form-input';
import { callerFor, createQaAccounts, publishNewForm, pushEvaluations, siteKeyActor, type QaAccounts } from './testing';

let h: DbHandle;
let a: QaAccounts;
const as = (principal?: Parameters<typeof callerFor>[1]) => callerFor(h.db, principal);
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

const CRITERIA: CriterionInput[] = [
  { key: 'a', label: 'Language', category: 'language', weight: 1, maxScore: 10, critical: false },
  { key: 'b', label: 'Culture', category: 'culture', weight: 1, maxScore: 10, critical: false },
];
const both = (n: number | null) => ({ a: n, b: n });
// Scores are sums of doubles: compare them to the ninth decimal.
const round = (n: number | null | undefined) => (n === null || n === undefined ? n : Math.round(n * 1e9) / 1e9);
const ids: Record<string, number> = {};

beforeAll(async () => {
  h = await createTestDb();
  a = await createQaAccounts(h.db);
  await publishNewForm(h.db, 'STD', CRITERIA);
  await pushEvaluations(h.db, a.sites.tun.id, [
    { externalId: 'e1', evaluatedAt: '2026-03-02T09:00:00Z', scores: both(9), comment: 'Site says: nine out of ten', agentRef: 'TUN-001' },
    { externalId: 'e2', evaluatedAt: '2026-03-09T09:00:00Z', scores: both(8) },
    { externalId: 'e3', evaluatedAt: '2026-03-16T09:00:00Z', scores: both(7) },
    { externalId: 'e4', evaluatedAt: '2026-03-17T09:00:00Z', scores: both(6) },
    { externalId: 'e5', evaluatedAt: '2026-02-20T09:00:00Z', scores: both(5) }, // before the period
    { externalId: 'e6', evaluatedAt: '2026-03-18T09:00:00Z', scores: both(null) }, // no score: no pair possible
  ]);
  await pushEvaluations(h.db, a.sites.dkr.id, [{ externalId: 'd1', evaluatedAt: '2026-03-03T09:00:00Z', scores: both(10) }]);
  await ingestCalls(h.db, {
    siteId: a.sites.tun.id,
    actor: siteKeyActor,
    records: [
      {
        externalId: 'call-e1',
        startedAt: '2026-03-01T16:00:00+01:00',
        direction: 'inbound',
        queue: 'billing',
        waitSeconds: 12,
        talkSeconds: 200,
        holdSeconds: 30,
        wrapSeconds: 10,
        abandoned: false,
        csat: 2,
      },
    ],
  });
  for (const site of ['TUN', 'DKR']) {
    for (const row of (await as(a.principals.hq).qa.evaluations.list({ site, pageSize: 100 })).rows) {
      ids[row.callExternalId!.replace('call-', '')] = row.id;
    }
  }
  // Dakar's only evaluation was re-scored before worklists existed (as the demo seed does).
  await createHqRescore(h.db, { siteId: a.sites.dkr.id, siteEvaluationId: ids.d1!, scores: both(10), evaluator: 'HQ', actor: cliActor() });
});
afterAll(async () => {
  await h.close();
});

function md5Order(seed: string, evaluationIds: number[]): number[] {
  const key = (id: number) => createHash('md5').update(`${seed}:${id}`).digest('hex');
  return [...evaluationIds].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : x - y));
}

/** Every key of a value, at any depth, as dotted paths without array indexes. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => keyPaths(v, prefix));
  if (value === null || typeof value !== 'object' || value instanceof Date) return [];
  return Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...keyPaths(v, `${prefix}${k}.`)]);
}

describe('drawing a calibration worklist', () => {
  it('draws a seeded random sample of the site’s scored, not yet re-scored evaluations of the period', async () => {
    const eligible = [ids.e1!, ids.e2!, ids.e3!, ids.e4!];
    const drawn = await drawSample(h.db, {
      scope: { all: true },
      actor: cliActor(),
      requestedBy: a.users.hq.id,
      input: { site: 'TUN', ...MARCH, size: 2 },
      seed: 'seed-1',
    });
    expect(drawn).toMatchObject({ site: 'TUN', requested: 2, drawn: 2, eligible: 4 });
    const items = await h.db.select().from(qaCalibrationItems).where(eq(qaCalibrationItems.sampleId, drawn.id));
    expect(items.map((i) => i.evaluationId).sort((x, y) => x - y)).toEqual(md5Order('seed-1', eligible).slice(0, 2).sort((x, y) => x - y));
    const [audit] = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'qa.calibration.sample'), eq(auditLog.entityId, String(drawn.id))));
    expect(audit?.details).toMatchObject({ seed: 'seed-1', requested: 2, drawn: 2 });
  });

  it('never hands out an evaluation twice, and says so when nothing is left to draw', async () => {
    const hq = as(a.principals.hq);
    const second = await hq.qa.calibration.draw({ site: 'tun', ...MARCH, size: 10 });
    expect(second).toMatchObject({ drawn: 2, eligible: 2, requested: 10 });
    const all = await h.db.select().from(qaCalibrationItems).where(eq(qaCalibrationItems.siteId, a.sites.tun.id));
    expect(all.map((i) => i.evaluationId).sort((x, y) => x - y)).toEqual([ids.e1!, ids.e2!, ids.e3!, ids.e4!].sort((x, y) => x - y));
    await expect(hq.qa.calibration.draw({ site: 'TUN', ...MARCH, size: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    // Dakar's evaluation is already re-scored.
    await expect(hq.qa.calibration.draw({ site: 'DKR', ...MARCH, size: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const worklists = await hq.qa.calibration.worklists();
    expect(worklists.map((w) => [w.site.code, w.items, w.done, w.requestedBy])).toEqual([
      ['TUN', 2, 0, 'Hugo HQ'],
      ['TUN', 2, 0, 'Hugo HQ'],
    ]);
    expect(keyPaths(worklists)).not.toContain('seed');
  });

  it('is for HQ only, and checks its input', async () => {
    const input = { site: 'TUN', ...MARCH, size: 1 };
    await expect(as().qa.calibration.draw(input)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(as(a.principals.lead).qa.calibration.draw(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(a.principals.siteKey).qa.calibration.draw(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(a.principals.lead).qa.calibration.worklists()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const hq = as(a.principals.hq);
    await expect(hq.qa.calibration.draw({ ...input, size: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(hq.qa.calibration.draw({ ...input, size: 201 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(hq.qa.calibration.draw({ ...input, from: '2026-04-01' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(hq.qa.calibration.draw({ ...input, site: 'NOPE' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the blind re-score', () => {
  it('shows the call, the agent, the date and the form, and nothing of the site’s evaluation', async () => {
    const task = await as(a.principals.hq).qa.calibration.task({ site: 'TUN', id: ids.e1! });
    expect(task).toMatchObject({
      evaluationId: ids.e1,
      callReference: 'call-e1',
      agentRef: 'TUN-001',
      day: '2026-03-02',
      call: { direction: 'inbound', queue: 'billing', handleSeconds: 240 },
      form: { code: 'STD', version: 1 },
      done: false,
      locked: false,
    });
    expect(task.criteria.map((c) => c.key)).toEqual(['a', 'b']);
    expect(new Set(keyPaths(task))).toEqual(
      new Set([
        'site',
        'site.code',
        'site.name',
        'site.timezone',
        'sampleId',
        'evaluationId',
        'callReference',
        'agentRef',
        'evaluatedAt',
        'day',
        'call',
        'call.startedAt',
        'call.direction',
        'call.queue',
        'call.handleSeconds',
        'form',
        'form.code',
        'form.version',
        'form.name',
        'criteria',
        'criteria.key',
        'criteria.label',
        'criteria.category',
        'criteria.weight',
        'criteria.maxScore',
        'criteria.critical',
        'done',
        'locked',
      ]),
    );
    const forbidden = keyPaths(task).filter((k) => /(^|\.)(score|scores|siteScore|criticalFailed|comment|evaluator|csat)$/i.test(k));
    expect(forbidden).toEqual([]);
    expect(JSON.stringify(task)).not.toContain('nine out of ten');
  });

  it('withholds the site’s scores from HQ everywhere while the evaluation waits for its re-score', async () => {
    const row = (await as(a.principals.hq).qa.evaluations.list({ site: 'TUN' })).rows.find((r) => r.id === ids.e1);
    expect(row).toMatchObject({ score: null, scoreHidden: true, awaitingRescore: true });
    const detail = await as(a.principals.hq).qa.evaluations.get({ site: 'TUN', id: ids.e1! });
    expect(detail).toMatchObject({ scoresHidden: true, evaluation: { score: null, comment: null } });
    expect(detail.categories.flatMap((c) => c.criteria.map((l) => l.site))).toEqual([null, null]);
    // The site's own lead still sees them.
    const own = await as(a.principals.lead).qa.evaluations.get({ site: 'TUN', id: ids.e1! });
    expect(own).toMatchObject({ scoresHidden: false, evaluation: { score: 90, comment: 'Site says: nine out of ten' } });
  });

  it('is for HQ only, on worklist items only, with a score for every criterion', async () => {
    const ref = { site: 'TUN', id: ids.e1! };
    await expect(as().qa.calibration.task(ref)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(as(a.principals.lead).qa.calibration.task(ref)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(a.principals.lead).qa.calibration.rescore({ ...ref, scores: both(1) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const hq = as(a.principals.hq);
    await expect(hq.qa.calibration.task({ site: 'TUN', id: ids.e5! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(hq.qa.calibration.rescore({ site: 'TUN', id: ids.e5!, scores: both(1) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(hq.qa.calibration.rescore({ ...ref, scores: { a: 7 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(hq.qa.calibration.rescore({ ...ref, scores: both(11) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('the calibration gap', () => {
  it('is zero pairs before HQ re-scores anything in the period', async () => {
    const summary = await as(a.principals.hq).qa.calibrationSummary(MARCH);
    const tun = summary.sites.find((s) => s.code === 'TUN');
    expect(tun).toMatchObject({ pairs: 0, bias: null, spread: null, flag: null, criteria: [], categories: [] });
    // Dakar's earlier re-score agrees with the site.
    expect(summary.sites.find((s) => s.code === 'DKR')).toMatchObject({ pairs: 1, bias: 0, spread: 0 });
  });

  it('gives bias = mean(site − HQ) and spread = mean |site − HQ|, per criterion and over time', async () => {
    const hq = as(a.principals.hq);
    // Site 90, 80, 70 against HQ 70, 85, 70: +20, −5, 0.
    const first = await hq.qa.calibration.rescore({ site: 'TUN', id: ids.e1!, scores: both(7), comment: 'Identity checked late' });
    expect(first).toMatchObject({ score: 70, inserted: true, evaluationId: ids.e1 });
    await hq.qa.calibration.rescore({ site: 'TUN', id: ids.e2!, scores: { a: 8, b: 9 } });
    await hq.qa.calibration.rescore({ site: 'TUN', id: ids.e3!, scores: both(7) });

    const summary = await hq.qa.calibrationSummary({ ...MARCH, sites: ['TUN'] });
    const tun = summary.sites[0]!;
    expect(tun.pairs).toBe(3);
    expect(tun.bias).toBeCloseTo(5, 9);
    expect(tun.spread).toBeCloseTo(25 / 3, 9);
    expect(tun.siteMean).toBeCloseTo(80, 9);
    expect(tun.hqMean).toBeCloseTo(75, 9);
    expect(tun.flag).toBeNull(); // 5 points is inside the band
    // Per criterion, in points of its maximum: a: +20, 0, 0; b: +20, −10, 0.
    expect(tun.criteria.map((c) => [c.key, c.category, c.pairs])).toEqual([
      ['a', 'language', 3],
      ['b', 'culture', 3],
    ]);
    expect(tun.criteria[0]!.bias).toBeCloseTo(20 / 3, 9);
    expect(tun.criteria[0]!.spread).toBeCloseTo(20 / 3, 9);
    expect(tun.criteria[1]!.bias).toBeCloseTo(10 / 3, 9);
    expect(tun.criteria[1]!.spread).toBeCloseTo(10, 9);
    // By category: language holds criterion a, culture criterion b.
    expect(tun.categories.map((c) => [c.category, c.pairs, round(c.bias), round(c.spread)])).toEqual([
      ['language', 3, round(20 / 3), round(20 / 3)],
      ['culture', 3, round(10 / 3), round(10)],
    ]);
    expect(tun.periods).toEqual([{ period: '2026-03-01', pairs: 3, bias: tun.bias, spread: tun.spread }]);
    expect(summary.network).toMatchObject({ pairs: 3 });
    expect(summary.network.bias).toBeCloseTo(5, 9);

    const weekly = await hq.qa.calibrationSummary({ ...MARCH, sites: 'TUN', granularity: 'week' });
    expect(weekly.periods).toEqual(['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']);
    expect(weekly.sites[0]!.periods.map((p) => [p.period, p.pairs, round(p.bias)])).toEqual([
      ['2026-02-23', 0, null],
      ['2026-03-02', 1, 20],
      ['2026-03-09', 1, -5],
      ['2026-03-16', 1, 0],
      ['2026-03-23', 0, null],
      ['2026-03-30', 0, null],
    ]);

    const items = await h.db
      .select()
      .from(qaCalibrationItems)
      .where(inArray(qaCalibrationItems.evaluationId, [ids.e1!, ids.e2!, ids.e3!, ids.e4!]));
    expect(items.filter((i) => i.doneAt !== null).map((i) => i.evaluationId).sort((x, y) => x - y)).toEqual(
      [ids.e1!, ids.e2!, ids.e3!].sort((x, y) => x - y),
    );
    expect((await hq.qa.calibration.task({ site: 'TUN', id: ids.e1! })).done).toBe(true);
  });

  it('flags a site whose self-scores run more than 5 points above HQ’s', async () => {
    // Site 60 against HQ 30: the bias becomes (20 − 5 + 0 + 30) / 4.
    await as(a.principals.hq).qa.calibration.rescore({ site: 'TUN', id: ids.e4!, scores: both(3) });
    const tun = (await as(a.principals.admin).qa.calibrationSummary({ ...MARCH, sites: 'TUN' })).sites[0]!;
    expect(tun.pairs).toBe(4);
    expect(tun.bias).toBeCloseTo(11.25, 9);
    expect(tun.spread).toBeCloseTo(13.75, 9);
    expect(tun.flag).toBe('inflated');
  });

  it('shows the re-score beside the site’s evaluation once it is done', async () => {
    const detail = await as(a.principals.hq).qa.evaluations.get({ site: 'TUN', id: ids.e2! });
    expect(detail).toMatchObject({ scoresHidden: false, awaitingRescore: false, evaluation: { score: 80 }, hq: { evaluator: 'Hugo HQ' } });
    expect(round(detail.hq?.score)).toBe(85);
    expect(detail.categories.map((c) => c.criteria.map((l) => [l.key, l.site, l.hq]))).toEqual([[['a', 8, 8]], [['b', 8, 9]]]);
    const row = (await as(a.principals.lead).qa.evaluations.list({ rescored: true })).rows.find((r) => r.id === ids.e2);
    expect(row?.hq).toMatchObject({ criticalFailed: false, disputeStatus: 'none' });
    expect(round(row?.hq?.score)).toBe(85);
  });

  it('shows a site lead their own site and the network, and is closed to anonymous callers and site keys', async () => {
    const lead = as(a.principals.lead);
    const summary = await lead.qa.calibrationSummary(MARCH);
    expect(summary.sites.map((s) => s.code)).toEqual(['TUN']);
    // The network would be Tunis's four pairs and Dakar's one: with one other site, it is
    // withheld from the lead (server/kpi/lead-network.ts); HQ gets all five.
    expect(summary.network).toMatchObject({ pairs: 0, bias: null, spread: null });
    expect((await as(a.principals.hq).qa.calibrationSummary(MARCH)).network.pairs).toBe(5);
    await expect(lead.qa.calibrationSummary({ ...MARCH, sites: 'DKR' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as().qa.calibrationSummary(MARCH)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(as(a.principals.siteKey).qa.calibrationSummary(MARCH)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(lead.qa.calibrationSummary({ from: '2026-03-31', to: '2026-03-01' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('disputes of HQ re-scores', () => {
  const e1 = () => ({ site: 'TUN', id: ids.e1! });

  async function disputeAudits() {
    const rows = await h.db.select().from(auditLog).where(inArray(auditLog.action, ['qa.dispute.open', 'qa.dispute.uphold', 'qa.dispute.reject']));
    return rows.map((r) => [r.action, r.actorLabel, r.siteId]);
  }

  it('may be opened only by the lead of the evaluation’s site', async () => {
    const input = { ...e1(), comment: 'The identity check is at 00:40 in the recording' };
    await expect(as().qa.disputes.open(input)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(as(a.principals.siteKey).qa.disputes.open(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(a.principals.hq).qa.disputes.open(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(a.principals.admin).qa.disputes.open(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(a.principals.leadDkr).qa.disputes.open(input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(as(a.principals.lead).qa.disputes.open({ ...input, comment: ' ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // Nothing to dispute without an HQ re-score.
    await expect(as(a.principals.lead).qa.disputes.open({ ...input, id: ids.e5! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await disputeAudits()).toEqual([]);

    const opened = await as(a.principals.lead).qa.disputes.open(input);
    expect(opened).toMatchObject({ status: 'open', evaluationId: ids.e1 });
    const detail = await as(a.principals.hq).qa.evaluations.get(e1());
    expect(detail.hq?.dispute).toEqual({ status: 'open', comment: 'The identity check is at 00:40 in the recording', resolution: null });
    expect(detail).toMatchObject({ canSettle: true, canDispute: false });
    expect((await as(a.principals.lead).qa.evaluations.get(e1())).canDispute).toBe(false);
    await expect(as(a.principals.lead).qa.disputes.open(input)).rejects.toMatchObject({ code: 'CONFLICT' });
    // A disputed re-score is settled, not quietly re-scored.
    await expect(as(a.principals.hq).qa.calibration.rescore({ ...e1(), scores: both(9) })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await as(a.principals.hq).qa.evaluations.list({ dispute: 'open' })).rows.map((r) => r.id)).toEqual([ids.e1]);
  });

  it('is settled by HQ only; an upheld dispute takes the re-score out of the calibration gap', async () => {
    const settle = { ...e1(), outcome: 'upheld' as const, resolution: 'Confirmed on the recording' };
    await expect(as(a.principals.lead).qa.disputes.settle(settle)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as().qa.disputes.settle(settle)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(as(a.principals.hq).qa.disputes.settle({ ...settle, resolution: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await as(a.principals.hq).qa.disputes.settle(settle)).toMatchObject({ status: 'upheld' });

    const detail = await as(a.principals.lead).qa.evaluations.get(e1());
    expect(detail.hq?.dispute).toEqual({ status: 'upheld', comment: 'The identity check is at 00:40 in the recording', resolution: 'Confirmed on the recording' });
    expect(detail.canDispute).toBe(false);
    // Without e1's +20: (−5 + 0 + 30) / 3.
    const tun = (await as(a.principals.hq).qa.calibrationSummary({ ...MARCH, sites: 'TUN' })).sites[0]!;
    expect(tun.pairs).toBe(3);
    expect(tun.bias).toBeCloseTo(25 / 3, 9);

    await expect(as(a.principals.hq).qa.disputes.settle({ ...settle, outcome: 'rejected' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(as(a.principals.lead).qa.disputes.open({ ...e1(), comment: 'Again' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('may be rejected, and the re-score then keeps counting', async () => {
    const e2 = { site: 'TUN', id: ids.e2! };
    await expect(as(a.principals.hq).qa.disputes.settle({ ...e2, outcome: 'rejected', resolution: 'No' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await as(a.principals.lead).qa.disputes.open({ ...e2, comment: 'Empathy was fine' });
    expect(await as(a.principals.admin).qa.disputes.settle({ ...e2, outcome: 'rejected', resolution: 'HQ score stands' })).toMatchObject({
      status: 'rejected',
    });
    await expect(as(a.principals.lead).qa.disputes.open({ ...e2, comment: 'Once more' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await as(a.principals.hq).qa.calibrationSummary({ ...MARCH, sites: 'TUN' })).sites[0]!.pairs).toBe(3);
    expect(await disputeAudits()).toEqual([
      ['qa.dispute.open', 'lead.tun@x.test', a.sites.tun.id],
      ['qa.dispute.uphold', 'hq@x.test', a.sites.tun.id],
      ['qa.dispute.open', 'lead.tun@x.test', a.sites.tun.id],
      ['qa.dispute.reject', 'admin@x.test', a.sites.tun.id],
    ]);
  });
});
