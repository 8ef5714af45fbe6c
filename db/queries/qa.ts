// QA forms as HQ manages them: every version of every form, drafts and their criteria.
import { and, asc, count, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../client';
import { qaCriteria, qaForms, type QaCategory, type QaCriterion, type QaForm } from '../schema';

export type CriterionValues = {
  key: string;
  label: string;
  category: QaCategory;
  weight: number;
  maxScore: number;
  critical: boolean;
};

export type FormWithCriteria = QaForm & { criteria: QaCriterion[] };

/** Every version of every form, newest version first within a code, with its criteria count. */
export async function listFormVersions(db: Db) {
  return db
    .select({
      id: qaForms.id,
      code: qaForms.code,
      version: qaForms.version,
      name: qaForms.name,
      description: qaForms.description,
      status: qaForms.status,
      publishedAt: qaForms.publishedAt,
      createdAt: qaForms.createdAt,
      criteria: count(qaCriteria.id),
    })
    .from(qaForms)
    .leftJoin(qaCriteria, eq(qaCriteria.formId, qaForms.id))
    .groupBy(qaForms.id)
    .orderBy(asc(qaForms.code), desc(qaForms.version));
}

export type FormVersionRow = Awaited<ReturnType<typeof listFormVersions>>[number];

export async function findFormWithCriteria(db: Db, id: number): Promise<FormWithCriteria | null> {
  const [form] = await db.select().from(qaForms).where(eq(qaForms.id, id));
  if (!form) return null;
  const criteria = await db
    .select()
    .from(qaCriteria)
    .where(eq(qaCriteria.formId, id))
    .orderBy(asc(qaCriteria.position), asc(qaCriteria.id));
  return { ...form, criteria };
}

/**
 * The versions of one form code, locked until the transaction ends, so that two publications or
 * two new drafts of the same form run one after the other.
 */
export async function lockFormVersions(tx: Db, code: string): Promise<QaForm[]> {
  return tx.select().from(qaForms).where(eq(qaForms.code, code)).orderBy(asc(qaForms.version)).for('update');
}

export async function insertForm(
  tx: Db,
  values: { code: string; version: number; name: string; description: string | null },
): Promise<QaForm> {
  const [form] = await tx
    .insert(qaForms)
    .values({ ...values, status: 'draft' })
    .returning();
  if (!form) throw new Error('insertForm returned no row');
  return form;
}

export async function updateDraftRow(tx: Db, id: number, patch: { name: string; description: string | null }): Promise<QaForm | null> {
  const [form] = await tx
    .update(qaForms)
    .set(patch)
    .where(and(eq(qaForms.id, id), eq(qaForms.status, 'draft')))
    .returning();
  return form ?? null;
}

/** The form's id while it is a draft: criteria of a published or retired version never change. */
function draftOnly(tx: Db, formId: number) {
  return inArray(
    qaCriteria.formId,
    tx
      .select({ id: qaForms.id })
      .from(qaForms)
      .where(and(eq(qaForms.id, formId), eq(qaForms.status, 'draft'))),
  );
}

/** Makes the criteria of a draft exactly `criteria`, in that order. */
export async function replaceDraftCriteria(tx: Db, formId: number, criteria: readonly CriterionValues[]): Promise<QaCriterion[]> {
  await tx.delete(qaCriteria).where(and(eq(qaCriteria.formId, formId), draftOnly(tx, formId)));
  if (criteria.length === 0) return [];
  return tx
    .insert(qaCriteria)
    .values(criteria.map((c, position) => ({ ...c, formId, position })))
    .returning();
}

export async function markPublished(tx: Db, id: number, at: Date): Promise<QaForm | null> {
  const [form] = await tx
    .update(qaForms)
    .set({ status: 'published', publishedAt: at })
    .where(and(eq(qaForms.id, id), eq(qaForms.status, 'draft')))
    .returning();
  return form ?? null;
}

/** Retires the published versions of a code other than `keepId`; returns the versions retired. */
export async function retireOtherVersions(tx: Db, code: string, keepId: number): Promise<number[]> {
  const rows = await tx
    .update(qaForms)
    .set({ status: 'retired' })
    .where(and(eq(qaForms.code, code), eq(qaForms.status, 'published'), ne(qaForms.id, keepId)))
    .returning({ version: qaForms.version });
  return rows.map((r) => r.version).sort((a, b) => a - b);
}

export async function deleteDraftRow(tx: Db, id: number): Promise<boolean> {
  await tx.delete(qaCriteria).where(and(eq(qaCriteria.formId, id), draftOnly(tx, id)));
  const rows = await tx
    .delete(qaForms)
    .where(and(eq(qaForms.id, id), eq(qaForms.status, 'draft')))
    .returning({ id: qaForms.id });
  return rows.length > 0;
}
