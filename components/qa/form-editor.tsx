'use client';
// The editor of a QA form draft: code (for a new form), name, description, and the criteria in
// order. A draft is saved as often as needed, then published; the same rules as the server's are
// checked as you type, so each problem shows beside its field.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { FormError } from '@/components/forms/form-error';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Input, TextField } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Dialog } from '@/components/ui/dialog';
import { createDraftInput, QA_CATEGORIES } from '@/lib/qa/form-input';

type CriterionRow = { rowId: number; key: string; label: string; category: (typeof QA_CATEGORIES)[number]; weight: string; maxScore: string; critical: boolean };

export type DraftForm = {
  id: number;
  code: string;
  version: number;
  name: string;
  description: string | null;
  criteria: { key: string; label: string; category: (typeof QA_CATEGORIES)[number]; weight: number; maxScore: number; critical: boolean }[];
};

let nextRowId = 1;
const blankRow = (): CriterionRow => ({ rowId: nextRowId++, key: '', label: '', category: 'language', weight: '1', maxScore: '5', critical: false });

export function FormEditor({ draft }: { draft: DraftForm | null }) {
  const t = useTranslations('qa.forms.editor');
  const tCategory = useTranslations('qa.categories');
  const tCommon = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const id = useId();
  const [code, setCode] = useState(draft?.code ?? '');
  const [name, setName] = useState(draft?.name ?? '');
  const [description, setDescription] = useState(draft?.description ?? '');
  const [rows, setRows] = useState<CriterionRow[]>(() =>
    draft && draft.criteria.length > 0
      ? draft.criteria.map((c) => ({ rowId: nextRowId++, ...c, weight: String(c.weight), maxScore: String(c.maxScore) }))
      : [blankRow()],
  );
  const [touched, setTouched] = useState(false);
  const [saved, setSaved] = useState(false);
  // Publishing publishes what is stored: local changes must be saved first.
  const [dirty, setDirty] = useState(false);
  const [confirming, setConfirming] = useState<'publish' | 'delete' | null>(null);

  const payload = {
    code,
    name,
    description,
    criteria: rows.map((r) => ({
      key: r.key.trim(),
      label: r.label,
      category: r.category,
      weight: r.weight.trim() === '' ? Number.NaN : Number(r.weight),
      maxScore: r.maxScore.trim() === '' ? Number.NaN : Number(r.maxScore),
      critical: r.critical,
    })),
  };
  const check = createDraftInput.safeParse(draft ? { ...payload, code: draft.code } : payload);
  // The reader's language rather than the schema's messages: one explanation per field.
  const errors = useMemo(() => {
    const map = new Map<string, string>();
    for (const issue of check.success ? [] : check.error.issues) {
      const path = issue.path.join('.');
      const field = String(issue.path[issue.path.length - 1] ?? 'criteria');
      const reason = field === 'key' && issue.code === 'custom' ? 'keyDuplicate' : field;
      if (!map.has(path)) map.set(path, reason);
    }
    return map;
  }, [check]);
  const shown = (path: string) => {
    const reason = touched ? errors.get(path) : undefined;
    if (!reason) return null;
    switch (reason) {
      case 'code':
      case 'name':
      case 'criteria':
      case 'key':
      case 'keyDuplicate':
      case 'label':
      case 'weight':
      case 'maxScore':
        return t(`errors.${reason}`);
      default:
        return t('errors.criteria');
    }
  };

  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.qa.forms.pathKey() });
  const create = useMutation(
    trpc.qa.forms.createDraft.mutationOptions({
      onSuccess: async (form) => {
        await invalidate();
        router.push(`/qa/forms/${form.id}`);
      },
    }),
  );
  const update = useMutation(
    trpc.qa.forms.updateDraft.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        setSaved(true);
        setDirty(false);
        router.refresh();
      },
    }),
  );
  const publish = useMutation(
    trpc.qa.forms.publish.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        setConfirming(null);
        router.refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.qa.forms.deleteDraft.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        router.push('/qa/forms');
      },
    }),
  );
  const pending = create.isPending || update.isPending || publish.isPending || remove.isPending;
  const error = create.error ?? update.error ?? publish.error ?? remove.error;

  function save(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    setSaved(false);
    if (!check.success) return;
    if (draft) update.mutate({ id: draft.id, name, description, criteria: payload.criteria });
    else create.mutate(payload);
  }

  const changed = () => {
    setSaved(false);
    setDirty(true);
  };
  const edit = (rowId: number, patch: Partial<CriterionRow>) => {
    changed();
    setRows((all) => all.map((r) => (r.rowId === rowId ? { ...r, ...patch } : r)));
  };
  const move = (index: number, by: -1 | 1) => {
    changed();
    setRows((all) => {
      const next = [...all];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });
  };

  return (
    <form onSubmit={save} noValidate className="space-y-4">
      <Card labelledBy={`${id}-about`}>
        <CardHeader id={`${id}-about`} title={t('aboutTitle')} description={draft ? t('draftOf', { code: draft.code, version: draft.version }) : t('newHint')} />
        <CardBody className="grid gap-3 sm:grid-cols-3">
          {draft ? null : (
            <TextField
              id={`${id}-code`}
              label={t('code')}
              hint={t('codeHint')}
              value={code}
              onChange={(e) => {
                changed();
                setCode(e.target.value);
              }}
              error={shown('code')}
              maxLength={32}
              required
            />
          )}
          <TextField id={`${id}-name`} label={t('name')} value={name} onChange={(e) => {
              changed();
              setName(e.target.value);
            }} error={shown('name')} maxLength={200} required />
          <div className={cn('space-y-1', draft ? 'sm:col-span-2' : '')}>
            <label htmlFor={`${id}-description`} className="block text-xs font-medium text-slate-700">
              {t('description')}
            </label>
            <Input id={`${id}-description`} value={description} onChange={(e) => {
                changed();
                setDescription(e.target.value);
              }} maxLength={2000} />
          </div>
        </CardBody>
      </Card>

      <Card labelledBy={`${id}-criteria`}>
        <CardHeader
          id={`${id}-criteria`}
          title={t('criteriaTitle')}
          description={t('criteriaHint')}
          actions={
            <Button
              size="sm"
              variant="secondary"
              onClick={() => {
                changed();
                setRows((all) => [...all, blankRow()]);
              }}
            >
              {t('addCriterion')}
            </Button>
          }
        />
        {shown('criteria') ? (
          <div className="px-4 pt-3">
            <FormError>{shown('criteria')}</FormError>
          </div>
        ) : null}
        <ol className="divide-y divide-slate-100">
          {rows.map((row, index) => {
            const path = (field: string) => `criteria.${index}.${field}`;
            const fieldId = (field: string) => `${id}-${row.rowId}-${field}`;
            const rowErrors = ['key', 'label', 'weight', 'maxScore'].map((f) => shown(path(f))).filter(Boolean);
            return (
              <li key={row.rowId} className="px-4 py-3">
                <div className="grid grid-cols-2 items-end gap-2 md:grid-cols-[2rem_1.2fr_2fr_1fr_5rem_5rem_auto_auto]">
                  <span className="hidden pb-2 text-xs font-semibold text-slate-500 tabular-nums md:block">{index + 1}</span>
                  <div className="space-y-1">
                    <label htmlFor={fieldId('key')} className="block text-xs font-medium text-slate-700">
                      {t('key')}
                    </label>
                    <Input
                      id={fieldId('key')}
                      value={row.key}
                      onChange={(e) => edit(row.rowId, { key: e.target.value })}
                      aria-invalid={Boolean(shown(path('key')))}
                      aria-describedby={shown(path('key')) ? fieldId('errors') : undefined}
                      className="font-mono text-xs"
                      maxLength={64}
                      placeholder="identity_check"
                    />
                  </div>
                  <div className="space-y-1">
                    <label htmlFor={fieldId('label')} className="block text-xs font-medium text-slate-700">
                      {t('label')}
                    </label>
                    <Input id={fieldId('label')} value={row.label} onChange={(e) => edit(row.rowId, { label: e.target.value })} aria-invalid={Boolean(shown(path('label')))}
                      aria-describedby={shown(path('label')) ? fieldId('errors') : undefined} maxLength={300} />
                  </div>
                  <div className="space-y-1">
                    <label htmlFor={fieldId('category')} className="block text-xs font-medium text-slate-700">
                      {t('category')}
                    </label>
                    <Select id={fieldId('category')} value={row.category} onChange={(e) => edit(row.rowId, { category: e.target.value as CriterionRow['category'] })}>
                      {QA_CATEGORIES.map((c) => (
                        <option key={c} value={c}>
                          {tCategory(c)}
                        </option>
                      ))}
                    </Select>
                  </div>
                  <div className="space-y-1">
                    <label htmlFor={fieldId('weight')} className="block text-xs font-medium text-slate-700">
                      {t('weight')}
                    </label>
                    <Input
                      id={fieldId('weight')}
                      type="number"
                      inputMode="decimal"
                      min={0}
                      step="any"
                      value={row.weight}
                      onChange={(e) => edit(row.rowId, { weight: e.target.value })}
                      aria-invalid={Boolean(shown(path('weight')))}
                      aria-describedby={shown(path('weight')) ? fieldId('errors') : undefined}
                    />
                  </div>
                  <div className="space-y-1">
                    <label htmlFor={fieldId('max')} className="block text-xs font-medium text-slate-700">
                      {t('maxScore')}
                    </label>
                    <Input
                      id={fieldId('max')}
                      type="number"
                      min={1}
                      step={1}
                      value={row.maxScore}
                      onChange={(e) => edit(row.rowId, { maxScore: e.target.value })}
                      aria-invalid={Boolean(shown(path('maxScore')))}
                      aria-describedby={shown(path('maxScore')) ? fieldId('errors') : undefined}
                    />
                  </div>
                  <label className="flex h-9 items-center gap-1.5 text-xs text-slate-700">
                    <input type="checkbox" checked={row.critical} onChange={(e) => edit(row.rowId, { critical: e.target.checked })} />
                    {t('critical')}
                  </label>
                  <div className="flex h-9 items-center gap-0.5">
                    <Button size="sm" variant="ghost" disabled={index === 0} onClick={() => move(index, -1)} aria-label={t('moveUp', { n: index + 1 })}>
                      ↑
                    </Button>
                    <Button size="sm" variant="ghost" disabled={index === rows.length - 1} onClick={() => move(index, 1)} aria-label={t('moveDown', { n: index + 1 })}>
                      ↓
                    </Button>
                    <Button size="sm" variant="ghost" disabled={rows.length === 1} onClick={() => {
                        changed();
                        setRows((all) => all.filter((r) => r.rowId !== row.rowId));
                      }} aria-label={t('remove', { n: index + 1 })}>
                      ✕
                    </Button>
                  </div>
                </div>
                {rowErrors.length > 0 ? (
                  <ul id={fieldId('errors')} className="mt-1 text-xs text-red-700 md:pl-8">
                    {rowErrors.map((message) => (
                      <li key={message}>{message}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      </Card>

      {touched && !check.success ? <FormError>{t('fixErrors')}</FormError> : null}
      {error ? <FormError>{serverMessageOf(error) ?? tCommon('saveFailed')}</FormError> : null}
      {saved && !error ? (
        <p role="status" className="text-sm text-emerald-700">
          {t('saved')}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? tCommon('saving') : draft ? t('saveDraft') : t('createDraft')}
        </Button>
        {draft ? (
          <>
            <Button variant="secondary" disabled={pending} onClick={() => setConfirming('publish')}>
              {t('publish')}
            </Button>
            <Button variant="ghost" disabled={pending} onClick={() => setConfirming('delete')}>
              {t('delete')}
            </Button>
          </>
        ) : null}
      </div>

      {draft ? (
        <Dialog
          open={confirming !== null}
          onClose={() => setConfirming(null)}
          title={confirming === 'delete' ? t('deleteTitle', { code: draft.code, version: draft.version }) : t('publishTitle', { code: draft.code, version: draft.version })}
          closeLabel={tCommon('close')}
        >
          <p className="text-sm text-slate-700">{confirming === 'delete' ? t('deleteExplanation') : t('publishExplanation')}</p>
          {dirty && confirming === 'publish' ? <p className="mt-2 text-sm text-amber-800">{t('publishUnsaved')}</p> : null}
          <div className="mt-5 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirming(null)}>
              {tCommon('cancel')}
            </Button>
            {confirming === 'delete' ? (
              <Button variant="danger" disabled={pending} onClick={() => remove.mutate({ id: draft.id })}>
                {t('delete')}
              </Button>
            ) : (
              <Button disabled={pending || dirty} onClick={() => publish.mutate({ id: draft.id })}>
                {t('publish')}
              </Button>
            )}
          </div>
        </Dialog>
      ) : null}
    </form>
  );
}
