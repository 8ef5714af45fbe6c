// QA forms as sites see them: published versions with their criteria in order.
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { qaCriteria, qaForms } from '../schema';

export async function listPublishedFormsWithCriteria(db: Db) {
  const forms = await db
    .select()
    .from(qaForms)
    .where(eq(qaForms.status, 'published'))
    .orderBy(asc(qaForms.code), asc(qaForms.version));
  if (forms.length === 0) return [];
  const criteria = await db
    .select()
    .from(qaCriteria)
    .where(inArray(qaCriteria.formId, forms.map((f) => f.id)))
    .orderBy(asc(qaCriteria.position), asc(qaCriteria.id));
  return forms.map((form) => ({ ...form, criteria: criteria.filter((c) => c.formId === form.id) }));
}
