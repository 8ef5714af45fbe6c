import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, qaCriteria, qaEvaluations, qaForms, qaScores, siteDay, siteFeeds, sites } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import type { Actor } from '@/server/auth/principal';
import { DomainError } from '@/server/errors';
import { scoreEvaluation } from '@/lib/kpi/qa';
import { ingestCalls } from './calls';
import { createHqRescore, ingestEvaluations } from './evaluations';
import { compareRollups } from './testing';

let h: DbHandle;
const actor: Actor = { actorType: 'site_key', actorId: 7, actorLabel: 'site key qa' };
const hqActor: Actor = { actorType: 'user', actorId: null, actorLabel: 'hq@x.test' };
let siteId = 0;
let otherSiteId = 0;
const v1 = [
  { key: 'clarity', label: 'Clarity', category: 'language' as const, weight: 2, maxScore: 5, critical: false },
  { key: 'empathy', label: 'Empathy', category: 'soft_skills' as const, weight: 1, maxScore: 10, critical: false },
  { key: 'identity_check', label: 'Identity check', category: 'compliance' as const, weight: 1, maxScore: 1, critical: true },
];
const v2 = [...v1, { key: 'local_context', label: 'Local context', category: 'culture' as const, weight: 1, maxScore: 5, critical: false }];
let formV1 = 0;
let formV2 = 0;

beforeAll(async () => {
  h = await createTestDb();
  const [site, other] = await h.db
    .insert(sites)
    .values([
      { code: 'DKR', name: 'Dakar', country: 'SN', timezone: 'Africa/Dakar' },
      { code: 'MRU', name: 'Port Louis', country: 'MU', timezone: 'Indian/Mauritius' },
    ])
    .returning();
  siteId = site!.id;
  otherSiteId = other!.id;
  const forms = await h.db
    .insert(qaForms)
    .values([
      { code: 'STD', version: 1, name: 'Standard', status: 'published', publishedAt: new Date('2026-01-01T00:00:00Z') },
      { code: 'STD', version: 2, name: 'Standard', status: 'draft' },
      { code: 'OLD', version: 1, name: 'Old', status: 'retired' },
    ])
    .returning();
  formV1 = forms[0]!.id;
  formV2 = forms[1]!.id;
  await h.db.insert(qaCriteria).values([
    ...v1.map((c, position) => ({ ...c, formId: formV1, position })),
    ...v2.map((c, position) => ({ ...c, formId: formV2, position })),
    ...v1.map((c, position) => ({ ...c, formId: forms[2]!.id, position })),
  ]);
});
afterAll(async () => {
  await h.close();
});

function evaluation(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    evaluatedAt: '2026-11-02T15:00:00Z',
    formCode: 'STD',
    agentRef: 'DKR-101',
    callExternalId: `call-${externalId}`,
    evaluator: 'QA Dakar 1',
    scores: { clarity: 4, empathy: 7, identity_check: 1 },
    ...overrides,
  };
}

async function stored(externalId: string, scope: 'site' | 'hq' = 'site') {
  const [row] = await h.db
    .select()
    .from(qaEvaluations)
    .where(and(eq(qaEvaluations.siteId, siteId), eq(qaEvaluations.scope, scope), eq(qaEvaluations.externalId, externalId)));
  return row ?? null;
}

async function expectExact(id = siteId) {
  const { actual, expected } = await compareRollups(h.db, id);
  expect(actual).toEqual(expected);
}

describe('ingestEvaluations', () => {
  it('scores each evaluation with its form and stores the same score as scoreEvaluation', async () => {
    const batch = [
      evaluation('e-1'),
      evaluation('e-2', { scores: { clarity: 5, empathy: null, identity_check: 0 } }),
      evaluation('e-3', { scores: { clarity: null, empathy: null, identity_check: null } }),
      evaluation('e-4', { evaluatedAt: '2026-11-03T09:00:00Z', scores: { clarity: 3, empathy: 10, identity_check: 1 }, comment: 'Good' }),
    ];
    const result = await ingestEvaluations(h.db, { siteId, evaluations: batch, actor });
    expect(result).toEqual({ received: 4, inserted: 4, updated: 0, rejected: [] });

    for (const item of batch) {
      const row = await stored(item.externalId);
      const expected = scoreEvaluation(v1, item.scores);
      expect(row?.score).toBe(expected.score);
      expect(row?.criticalFailed).toBe(expected.criticalFailed);
      expect(row?.formId).toBe(formV1);
      const scores = await h.db
        .select({ key: qaCriteria.key, score: qaScores.score })
        .from(qaScores)
        .innerJoin(qaCriteria, eq(qaCriteria.id, qaScores.criterionId))
        .where(and(eq(qaScores.siteId, siteId), eq(qaScores.evaluationId, row!.id)));
      expect(Object.fromEntries(scores.map((s) => [s.key, s.score]))).toEqual(item.scores);
    }
    // (2 × 4/5 + 7/10 + 1) / 4 = 0.825
    expect((await stored('e-1'))?.score).toBeCloseTo(82.5, 10);
    expect(await stored('e-2')).toMatchObject({ score: 0, criticalFailed: true });
    expect((await stored('e-3'))?.score).toBeNull();

    const [day] = await h.db
      .select()
      .from(siteDay)
      .where(and(eq(siteDay.siteId, siteId), eq(siteDay.day, '2026-11-02')));
    expect(day).toMatchObject({ qaEvaluations: 3, qaScoredEvaluations: 2, calls: 0 });
    expect(day?.qaScoreSum).toBeCloseTo(82.5, 10);
    await expectExact();
  });

  it('changes nothing when the same batch is sent again, and counts a changed score as an update', async () => {
    const batch = [evaluation('r-1'), evaluation('r-2')];
    expect(await ingestEvaluations(h.db, { siteId, evaluations: batch, actor })).toMatchObject({ inserted: 2, updated: 0 });
    expect(await ingestEvaluations(h.db, { siteId, evaluations: batch, actor })).toEqual({
      received: 2,
      inserted: 0,
      updated: 0,
      rejected: [],
    });
    // Swapping which criterion lost points keeps the total but changes the stored scores.
    const swapped = evaluation('r-2', { scores: { clarity: 5, empathy: 3, identity_check: 1 } });
    expect(scoreEvaluation(v1, swapped.scores).score).toBeCloseTo(scoreEvaluation(v1, batch[1]!.scores).score!, 10);
    expect(await ingestEvaluations(h.db, { siteId, evaluations: [batch[0], swapped], actor })).toMatchObject({
      inserted: 0,
      updated: 1,
    });
    await expectExact();
  });

  it('moves a corrected evaluation to its new day and keeps both days exact', async () => {
    await ingestEvaluations(h.db, { siteId, evaluations: [evaluation('m-1', { evaluatedAt: '2026-11-20T10:00:00Z' })], actor });
    await ingestEvaluations(h.db, {
      siteId,
      evaluations: [evaluation('m-1', { evaluatedAt: '2026-11-21T10:00:00Z', scores: { clarity: 1, empathy: 1, identity_check: 1 } })],
      actor,
    });
    const [old] = await h.db
      .select()
      .from(siteDay)
      .where(and(eq(siteDay.siteId, siteId), eq(siteDay.day, '2026-11-20')));
    expect(old).toBeUndefined();
    await expectExact();
  });

  it('keeps the QA columns of a day when its calls are recomputed, and the reverse', async () => {
    await ingestEvaluations(h.db, { siteId, evaluations: [evaluation('k-1', { evaluatedAt: '2026-12-01T10:00:00Z' })], actor });
    await ingestCalls(h.db, {
      siteId,
      records: [
        {
          externalId: 'k-call',
          startedAt: '2026-12-01T09:00:00Z',
          direction: 'inbound',
          queue: 'billing',
          waitSeconds: 4,
          talkSeconds: 100,
          holdSeconds: 0,
          wrapSeconds: 10,
          abandoned: false,
        },
      ],
      actor,
    });
    const [day] = await h.db
      .select()
      .from(siteDay)
      .where(and(eq(siteDay.siteId, siteId), eq(siteDay.day, '2026-12-01')));
    expect(day).toMatchObject({ calls: 1, handled: 1, qaEvaluations: 1 });
    await ingestEvaluations(h.db, {
      siteId,
      evaluations: [evaluation('k-1', { evaluatedAt: '2026-12-02T10:00:00Z' })],
      actor,
    });
    const [after] = await h.db
      .select()
      .from(siteDay)
      .where(and(eq(siteDay.siteId, siteId), eq(siteDay.day, '2026-12-01')));
    expect(after).toMatchObject({ calls: 1, handled: 1, qaEvaluations: 0, qaScoreSum: 0 });
    await expectExact();
  });

  it('resolves form versions: the latest published by default, a given one with @', async () => {
    const result = await ingestEvaluations(h.db, {
      siteId,
      evaluations: [
        evaluation('f-1', { formCode: 'STD@1' }),
        evaluation('f-2', { formCode: 'STD@2' }),
        evaluation('f-3', { formCode: 'NOPE' }),
        evaluation('f-4', { formCode: 'OLD' }),
        evaluation('f-5', { formCode: 'OLD@1' }),
      ],
      actor,
    });
    expect(result.inserted).toBe(2);
    expect(result.rejected).toEqual([
      { index: 1, externalId: 'f-2', errors: [{ path: 'formCode', message: 'No published or retired QA form version "STD@2"' }] },
      { index: 2, externalId: 'f-3', errors: [{ path: 'formCode', message: 'No published QA form "NOPE"' }] },
      { index: 3, externalId: 'f-4', errors: [{ path: 'formCode', message: 'No published QA form "OLD"' }] },
    ]);
  });

  it('drops the scores of the old version when an evaluation is re-sent on another form version', async () => {
    const [old, current] = await h.db
      .insert(qaForms)
      .values([
        { code: 'ALT', version: 1, name: 'Alt', status: 'retired' },
        { code: 'ALT', version: 2, name: 'Alt', status: 'published' },
      ])
      .returning();
    await h.db.insert(qaCriteria).values([
      { formId: old!.id, key: 'greeting', label: 'Greeting', category: 'soft_skills', weight: 1, maxScore: 5 },
      { formId: old!.id, key: 'accuracy', label: 'Accuracy', category: 'resolution', weight: 1, maxScore: 5 },
      { formId: current!.id, key: 'accuracy', label: 'Accuracy', category: 'resolution', weight: 1, maxScore: 5 },
    ]);
    await ingestEvaluations(h.db, {
      siteId,
      evaluations: [evaluation('v-1', { formCode: 'ALT@1', scores: { greeting: 5, accuracy: 3 } })],
      actor,
    });
    // Same accuracy score, so only the form and the set of scores change.
    const result = await ingestEvaluations(h.db, {
      siteId,
      evaluations: [evaluation('v-1', { formCode: 'ALT', scores: { accuracy: 3 } })],
      actor,
    });
    expect(result).toMatchObject({ inserted: 0, updated: 1, rejected: [] });
    const row = await stored('v-1');
    expect(row).toMatchObject({ formId: current!.id, score: 60 });
    const scores = await h.db
      .select({ key: qaCriteria.key, formId: qaCriteria.formId, score: qaScores.score })
      .from(qaScores)
      .innerJoin(qaCriteria, eq(qaCriteria.id, qaScores.criterionId))
      .where(and(eq(qaScores.siteId, siteId), eq(qaScores.evaluationId, row!.id)));
    expect(scores).toEqual([{ key: 'accuracy', formId: current!.id, score: 3 }]);
    await expectExact();
  });

  it('rejects unknown, missing and out-of-range scores, schema errors and duplicates, and keeps the rest', async () => {
    const result = await ingestEvaluations(h.db, {
      siteId,
      evaluations: [
        evaluation('s-1', { scores: { clarity: 4, empathy: 7 } }),
        evaluation('s-2', { scores: { clarity: 6, empathy: 7, identity_check: 1, greeting: 2 } }),
        evaluation('s-3', { evaluatedAt: 'today' }),
        evaluation('s-4'),
        evaluation('s-4', { comment: 'again' }),
        42,
      ],
      actor,
    });
    expect(result).toMatchObject({ received: 6, inserted: 1, updated: 0 });
    expect(result.rejected.map((r) => [r.index, r.externalId, r.errors.map((e) => e.path)])).toEqual([
      [0, 's-1', ['scores.identity_check']],
      [1, 's-2', ['scores.greeting', 'scores.clarity']],
      [2, 's-3', ['evaluatedAt']],
      [4, 's-4', ['externalId']],
      [5, null, ['']],
    ]);
  });

  it('refuses a batch over 5,000 evaluations', async () => {
    const evaluations = Array.from({ length: 5001 }, (_, i) => evaluation(`big-${i}`));
    const error = await ingestEvaluations(h.db, { siteId, evaluations, actor }).catch((e: unknown) => e);
    expect((error as DomainError).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('writes an audit row per batch and records the push for freshness', async () => {
    const before = await h.db.select().from(auditLog).where(eq(auditLog.action, 'evaluations.ingest'));
    await ingestEvaluations(h.db, { siteId: otherSiteId, evaluations: [evaluation('a-1')], actor });
    const after = await h.db.select().from(auditLog).where(eq(auditLog.action, 'evaluations.ingest')).orderBy(auditLog.id);
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ siteId: otherSiteId, details: { received: 1, inserted: 1, updated: 0, rejected: 0 } });
    const [feed] = await h.db.select().from(siteFeeds).where(eq(siteFeeds.siteId, otherSiteId));
    expect(feed?.lastEvaluationPushAt).toBeInstanceOf(Date);
    expect(feed?.lastCallPushAt).toBeNull();
    await expectExact(otherSiteId);
  });
});

describe('createHqRescore', () => {
  it('re-scores a site evaluation on the same form version, outside the site QA score', async () => {
    await ingestEvaluations(h.db, { siteId, evaluations: [evaluation('c-1', { evaluatedAt: '2026-12-10T10:00:00Z' })], actor });
    const site = await stored('c-1');
    const dayBefore = await h.db
      .select()
      .from(siteDay)
      .where(and(eq(siteDay.siteId, siteId), eq(siteDay.day, '2026-12-10')));

    const scores = { clarity: 3, empathy: 5, identity_check: 1 };
    const result = await createHqRescore(h.db, {
      siteId,
      siteEvaluationId: site!.id,
      scores,
      evaluator: 'hq@x.test',
      actor: hqActor,
      comment: 'Clarity overrated',
      evaluatedAt: new Date('2026-12-12T09:00:00Z'),
    });
    expect(result.inserted).toBe(true);
    expect(result.score).toBeCloseTo(scoreEvaluation(v1, scores).score!, 10);
    expect(await stored('hq-rescore-' + site!.id, 'hq')).toMatchObject({
      id: result.id,
      scope: 'hq',
      calibratesId: site!.id,
      formId: site!.formId,
      agentRef: site!.agentRef,
      callExternalId: site!.callExternalId,
      comment: 'Clarity overrated',
    });
    const hqScores = await h.db
      .select()
      .from(qaScores)
      .where(and(eq(qaScores.siteId, siteId), eq(qaScores.evaluationId, result.id)));
    expect(hqScores).toHaveLength(3);
    // HQ evaluations never count in the site's own QA rollups.
    const dayAfter = await h.db
      .select()
      .from(siteDay)
      .where(and(eq(siteDay.siteId, siteId), eq(siteDay.day, '2026-12-10')));
    expect(dayAfter).toEqual(dayBefore);

    // The first re-score is final: a second one is refused and changes nothing.
    const again = await createHqRescore(h.db, {
      siteId,
      siteEvaluationId: site!.id,
      scores: { ...scores, identity_check: 0 },
      evaluator: 'hq@x.test',
      actor: hqActor,
    }).catch((e: unknown) => e);
    expect((again as DomainError).code).toBe('CONFLICT');
    expect(await stored('hq-rescore-' + site!.id, 'hq')).toMatchObject({ id: result.id, score: result.score, criticalFailed: false });
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.entityId, String(result.id)));
    expect(audit.map((a) => a.action)).toEqual(['qa.rescore.create']);
    await expectExact();
  });

  it('refuses invalid scores, another site and an HQ evaluation', async () => {
    const site = await stored('e-1');
    const invalid = await createHqRescore(h.db, {
      siteId,
      siteEvaluationId: site!.id,
      scores: { clarity: 9 },
      evaluator: 'hq',
      actor: hqActor,
    }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(DomainError);
    expect((invalid as DomainError).code).toBe('BAD_REQUEST');
    expect((invalid as DomainError).message).toContain('scores.clarity');

    const elsewhere = await createHqRescore(h.db, {
      siteId: otherSiteId,
      siteEvaluationId: site!.id,
      scores: { clarity: 1, empathy: 1, identity_check: 1 },
      evaluator: 'hq',
      actor: hqActor,
    }).catch((e: unknown) => e);
    expect((elsewhere as DomainError).code).toBe('NOT_FOUND');

    const hq = await stored(`hq-rescore-${(await stored('c-1'))!.id}`, 'hq');
    const ofHq = await createHqRescore(h.db, {
      siteId,
      siteEvaluationId: hq!.id,
      scores: { clarity: 1, empathy: 1, identity_check: 1 },
      evaluator: 'hq',
      actor: hqActor,
    }).catch((e: unknown) => e);
    expect((ofHq as DomainError).code).toBe('NOT_FOUND');
  });
});
