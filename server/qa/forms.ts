// QA form versions: drafts are edited freely; publishing freezes a version and retires the one it
// replaces; evaluations keep the version they were scored on. Each write and its audit row
// commit together.
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import {
  deleteDraftRow,
  findFormWithCriteria,
  insertForm,
  listFormVersions,
  lockFormVersions,
  markPublished,
  replaceDraftCriteria,
  retireOtherVersions,
  updateDraftRow,
  type FormVersionRow,
  type FormWithCriteria,
} from '@/db/queries/qa';
import type { QaForm } from '@/db/schema';
import type { Actor } from '@/server/auth/principal';
import { conflict, notFound } from '@/server/errors';
import { createDraftInput, formIdInput, updateDraftInput, type CreateDraftInput, type UpdateDraftInput } from '@/lib/qa/form-input';

export type FormSummary = {
  code: string;
  /** The name of the newest version. */
  name: string;
  current: { id: number; version: number } | null;
  draft: { id: number; version: number } | null;
  versions: Omit<FormVersionRow, 'code'>[];
};

function audit(db: Db, actor: Actor, action: string, form: QaForm, details: Record<string, unknown> = {}) {
  return insertAudit(db, {
    ...actor,
    action,
    entity: 'qa_form',
    entityId: String(form.id),
    details: { code: form.code, version: form.version, ...details },
  });
}

/** Every form code with its versions, newest first; the published version is the current one. */
export async function listForms(db: Db): Promise<FormSummary[]> {
  const byCode = new Map<string, FormSummary>();
  for (const { code, ...row } of await listFormVersions(db)) {
    let summary = byCode.get(code);
    if (!summary) byCode.set(code, (summary = { code, name: row.name, current: null, draft: null, versions: [] }));
    summary.versions.push(row);
    if (row.status === 'published') summary.current = { id: row.id, version: row.version };
    if (row.status === 'draft') summary.draft = { id: row.id, version: row.version };
  }
  return [...byCode.values()];
}

export async function getForm(db: Db, id: number): Promise<FormWithCriteria> {
  const form = await findFormWithCriteria(db, id);
  if (!form) throw notFound('QA form');
  return form;
}

/** A first draft of a new form code (version 1). A known code takes a new version instead. */
export async function createDraft(db: Db, actor: Actor, input: CreateDraftInput): Promise<FormWithCriteria> {
  const { code, name, description, criteria } = createDraftInput.parse(input);
  return db.transaction(async (tx) => {
    if ((await lockFormVersions(tx, code)).length > 0) {
      throw conflict(`A form with code ${code} already exists: make a new version of it instead`);
    }
    const form = await insertForm(tx, { code, version: 1, name, description });
    const rows = await replaceDraftCriteria(tx, form.id, criteria);
    await audit(tx, actor, 'qa.form.create', form, { name, criteria: criteria.map((c) => c.key) });
    return { ...form, criteria: rows };
  });
}

async function lockedDraft(tx: Db, id: number): Promise<QaForm> {
  const form = await findFormWithCriteria(tx, id);
  if (!form) throw notFound('QA form');
  const locked = (await lockFormVersions(tx, form.code)).find((f) => f.id === id);
  if (!locked) throw notFound('QA form');
  if (locked.status !== 'draft') {
    throw conflict(`Version ${locked.version} of ${locked.code} is ${locked.status}: a published version never changes, make a new version instead`);
  }
  return locked;
}

export async function updateDraft(db: Db, actor: Actor, input: UpdateDraftInput): Promise<FormWithCriteria> {
  const { id, name, description, criteria } = updateDraftInput.parse(input);
  return db.transaction(async (tx) => {
    await lockedDraft(tx, id);
    const form = await updateDraftRow(tx, id, { name, description });
    if (!form) throw notFound('QA form');
    const rows = await replaceDraftCriteria(tx, id, criteria);
    await audit(tx, actor, 'qa.form.update', form, { name, criteria: criteria.map((c) => c.key) });
    return { ...form, criteria: rows };
  });
}

/**
 * Publishes a draft: it becomes the version sites score against, and the version it replaces is
 * retired (evaluations already scored on it keep it; a site may still send `CODE@n`).
 */
export async function publishForm(db: Db, actor: Actor, input: { id: number }, now: Date = new Date()): Promise<QaForm> {
  const { id } = formIdInput.parse(input);
  return db.transaction(async (tx) => {
    await lockedDraft(tx, id);
    const draft = await findFormWithCriteria(tx, id);
    if (!draft || draft.criteria.length === 0) throw conflict('A form needs at least one criterion before it is published');
    const form = await markPublished(tx, id, now);
    if (!form) throw notFound('QA form');
    const retired = await retireOtherVersions(tx, form.code, form.id);
    await audit(tx, actor, 'qa.form.publish', form, { retiredVersions: retired });
    return form;
  });
}

/** A new draft copied from a published or retired version, numbered after the newest version. */
export async function newVersionFrom(db: Db, actor: Actor, input: { id: number }): Promise<FormWithCriteria> {
  const { id } = formIdInput.parse(input);
  return db.transaction(async (tx) => {
    const source = await findFormWithCriteria(tx, id);
    if (!source) throw notFound('QA form');
    const versions = await lockFormVersions(tx, source.code);
    const existingDraft = versions.find((f) => f.status === 'draft');
    if (existingDraft) throw conflict(`Version ${existingDraft.version} of ${source.code} is already a draft: edit it or delete it first`);
    const version = Math.max(...versions.map((f) => f.version)) + 1;
    const form = await insertForm(tx, { code: source.code, version, name: source.name, description: source.description });
    const rows = await replaceDraftCriteria(
      tx,
      form.id,
      source.criteria.map(({ key, label, category, weight, maxScore, critical }) => ({ key, label, category, weight, maxScore, critical })),
    );
    await audit(tx, actor, 'qa.form.new_version', form, { from: source.version });
    return { ...form, criteria: rows };
  });
}

export async function deleteDraft(db: Db, actor: Actor, input: { id: number }): Promise<{ id: number }> {
  const { id } = formIdInput.parse(input);
  return db.transaction(async (tx) => {
    const form = await lockedDraft(tx, id);
    if (!(await deleteDraftRow(tx, id))) throw notFound('QA form');
    await audit(tx, actor, 'qa.form.delete', form);
    return { id };
  });
}
