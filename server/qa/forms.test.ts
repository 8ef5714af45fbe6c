import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { DbHandle } from '@/db/client';
import { auditLog, qaForms } from '@/db/schema';
import { createTestDb } from '@/db/testing';
import { callerFor, createQaAccounts, pushEvaluations, STD_V1, type QaAccounts } from './testing';

let h: DbHandle;
let a: QaAccounts;
const as = (principal?: Parameters<typeof callerFor>[1]) => callerFor(h.db, principal);

beforeAll(async () => {
  h = await createTestDb();
  a = await createQaAccounts(h.db);
});
afterAll(async () => {
  await h.close();
});

async function auditActions(entityId: number) {
  const rows = await h.db
    .select({ action: auditLog.action, actor: auditLog.actorLabel })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'qa_form'), eq(auditLog.entityId, String(entityId))));
  return rows.map((r) => r.action);
}

async function refusedPaths(run: () => Promise<unknown>): Promise<string[]> {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'BAD_REQUEST' });
  const cause = (error as { cause?: unknown }).cause;
  expect(cause).toBeInstanceOf(ZodError);
  return (cause as ZodError).issues.map((i) => i.path.join('.')).sort();
}

describe('qa.forms access', () => {
  it('is for HQ: anonymous callers are UNAUTHORIZED, site leads and site keys FORBIDDEN', async () => {
    const input = { code: 'X', name: 'X', criteria: STD_V1 };
    await expect(as().qa.forms.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(as().qa.forms.createDraft(input)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(as(a.principals.lead).qa.forms.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(a.principals.lead).qa.forms.createDraft(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(a.principals.siteKey).qa.forms.publish({ id: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await h.db.select().from(qaForms)).toEqual([]);
  });
});

describe('qa.forms validation', () => {
  it('needs at least one criterion, unique well-formed keys, weights above 0 and a max score of at least 1', async () => {
    const hq = as(a.principals.hq);
    expect(await refusedPaths(() => hq.qa.forms.createDraft({ code: 'V', name: 'V', criteria: [] }))).toEqual(['criteria']);
    const bad = [
      { ...STD_V1[0]!, key: 'Bad Key' },
      { ...STD_V1[1]!, weight: 0 },
      { ...STD_V1[2]!, maxScore: 0 },
      { ...STD_V1[3]!, key: 'clarity2', weight: -1, maxScore: 2.5 },
      { ...STD_V1[4]!, key: 'dup' },
      { ...STD_V1[5]!, key: 'dup' },
    ];
    expect(await refusedPaths(() => hq.qa.forms.createDraft({ code: 'V', name: 'V', criteria: bad }))).toEqual([
      'criteria.0.key',
      'criteria.1.weight',
      'criteria.2.maxScore',
      'criteria.3.maxScore',
      'criteria.3.weight',
      'criteria.5.key',
    ]);
    expect(await refusedPaths(() => hq.qa.forms.createDraft({ code: 'no spaces', name: '', criteria: STD_V1 }))).toEqual(['code', 'name']);
    const longKey = 'k'.repeat(65);
    expect(await refusedPaths(() => hq.qa.forms.createDraft({ code: 'V', name: 'V', criteria: [{ ...STD_V1[0]!, key: longKey }] }))).toEqual([
      'criteria.0.key',
    ]);
  });
});

describe('qa.forms life cycle', () => {
  let v1Id = 0;
  let v2Id = 0;

  it('creates a draft, edits it, and publishes it, audit-logging each step', async () => {
    const hq = as(a.principals.hq);
    const draft = await hq.qa.forms.createDraft({ code: 'std', name: 'Standard', description: 'Network scorecard', criteria: STD_V1.slice(0, 2) });
    v1Id = draft.id;
    expect(draft).toMatchObject({ code: 'STD', version: 1, status: 'draft', publishedAt: null });
    expect(draft.criteria.map((c) => [c.key, c.position])).toEqual([
      ['clarity', 0],
      ['local_context', 1],
    ]);

    // A draft is not offered to sites.
    expect((await as(a.principals.siteKey).qaForms.published()).forms).toEqual([]);

    const edited = await hq.qa.forms.updateDraft({ id: draft.id, name: 'Standard call quality', criteria: [...STD_V1].reverse() });
    expect(edited.name).toBe('Standard call quality');
    expect(edited.description).toBeNull();
    expect(edited.criteria.map((c) => c.key)).toEqual([...STD_V1].reverse().map((c) => c.key));

    const published = await hq.qa.forms.publish({ id: draft.id });
    expect(published.status).toBe('published');
    expect(published.publishedAt?.toISOString()).toBe('2026-03-20T10:00:00.000Z');

    const forSites = (await as(a.principals.siteKey).qaForms.published()).forms;
    expect(forSites.map((f) => [f.code, f.version, f.criteria.length])).toEqual([['STD', 1, 6]]);
    expect(await auditActions(draft.id)).toEqual(['qa.form.create', 'qa.form.update', 'qa.form.publish']);
  });

  it('never changes a published version and refuses a second form with the same code', async () => {
    const hq = as(a.principals.hq);
    await expect(hq.qa.forms.updateDraft({ id: v1Id, name: 'Changed', criteria: STD_V1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(hq.qa.forms.publish({ id: v1Id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(hq.qa.forms.deleteDraft({ id: v1Id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(hq.qa.forms.createDraft({ code: 'STD', name: 'Again', criteria: STD_V1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const form = await hq.qa.forms.get({ id: v1Id });
    expect(form.name).toBe('Standard call quality');
    expect(form.criteria).toHaveLength(6);
    await expect(hq.qa.forms.get({ id: 999_999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('copies a published version into a new draft, only one draft at a time', async () => {
    const admin = as(a.principals.admin);
    const v2 = await admin.qa.forms.newVersion({ id: v1Id });
    v2Id = v2.id;
    expect(v2).toMatchObject({ code: 'STD', version: 2, status: 'draft', name: 'Standard call quality' });
    expect(v2.criteria.map((c) => c.key)).toEqual((await admin.qa.forms.get({ id: v1Id })).criteria.map((c) => c.key));
    await expect(admin.qa.forms.newVersion({ id: v1Id })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await auditActions(v2.id)).toEqual(['qa.form.new_version']);
  });

  it('keeps evaluations on the version they were scored on once the next version is published', async () => {
    const hq = as(a.principals.hq);
    const tun = a.sites.tun.id;
    const scores = { clarity: 5, local_context: 5, identity_check: 1, disclosure: 4, resolution: 10, empathy: 5 };
    await pushEvaluations(h.db, tun, [{ externalId: 'on-v1', evaluatedAt: '2026-03-10T09:00:00Z', scores }]);

    const tone = { key: 'tone', label: 'Tone suited to the culture', category: 'culture' as const, weight: 2, maxScore: 5, critical: false };
    const v2 = await hq.qa.forms.get({ id: v2Id });
    await hq.qa.forms.updateDraft({
      id: v2Id,
      name: v2.name,
      criteria: [...v2.criteria.map(({ key, label, category, weight, maxScore, critical }) => ({ key, label, category, weight, maxScore, critical })), tone],
    });
    await hq.qa.forms.publish({ id: v2Id });
    expect(await auditActions(v2Id)).toEqual(['qa.form.new_version', 'qa.form.update', 'qa.form.publish']);

    const list = await hq.qa.forms.list();
    const std = list.find((f) => f.code === 'STD');
    expect(std?.current).toEqual({ id: v2Id, version: 2 });
    expect(std?.draft).toBeNull();
    expect(std?.versions.map((v) => [v.version, v.status, v.criteria])).toEqual([
      [2, 'published', 7],
      [1, 'retired', 6],
    ]);

    // The site's next evaluation scores on v2; one sent as STD@1 still scores on v1.
    await pushEvaluations(h.db, tun, [
      { externalId: 'on-v2', evaluatedAt: '2026-03-11T09:00:00Z', scores: { ...scores, tone: 0 } },
      { externalId: 'late-v1', evaluatedAt: '2026-03-11T10:00:00Z', formCode: 'STD@1', scores },
    ]);
    const page = await hq.qa.evaluations.list({ site: 'TUN' });
    const byId = new Map(page.rows.map((r) => [r.callExternalId, r]));
    expect(byId.get('call-on-v1')?.form).toEqual({ code: 'STD', version: 1 });
    expect(byId.get('call-late-v1')?.form).toEqual({ code: 'STD', version: 1 });
    expect(byId.get('call-on-v2')?.form).toEqual({ code: 'STD', version: 2 });
    // tone weighs 2 of 11 and scored 0: 9/11 of full marks.
    expect(byId.get('call-on-v2')?.score).toBeCloseTo((100 * 9) / 11, 9);

    const old = await hq.qa.evaluations.get({ site: 'TUN', id: byId.get('call-on-v1')!.id });
    expect(old.form).toMatchObject({ version: 1, status: 'retired' });
    expect(old.categories.flatMap((c) => c.criteria.map((l) => l.key))).not.toContain('tone');
    expect(old.categories.flatMap((c) => c.criteria)).toHaveLength(6);
    expect(old.evaluation.score).toBe(100);
  });

  it('deletes a draft it no longer needs, and audits it', async () => {
    const hq = as(a.principals.hq);
    const v3 = await hq.qa.forms.newVersion({ id: v2Id });
    expect(v3.version).toBe(3);
    await hq.qa.forms.deleteDraft({ id: v3.id });
    await expect(hq.qa.forms.get({ id: v3.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await auditActions(v3.id)).toEqual(['qa.form.new_version', 'qa.form.delete']);
    // The next copy takes the next free version number again.
    const again = await hq.qa.forms.newVersion({ id: v1Id });
    expect(again.version).toBe(3);
    expect(again.criteria).toHaveLength(6);
  });
});
