'use client';
// Ending an open session: closed done with one of the agent's evaluations made after it was
// opened (the list's candidates: an evaluation the ingest brought closes nothing by itself), or
// dropped with a reason. Both forms check with the server's schemas before the round trip.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { FormActions } from '@/components/forms/form-actions';
import { schemaResolver } from '@/components/forms/schema-resolver';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Dialog } from '@/components/ui/dialog';
import { controlClasses, Field } from '@/components/ui/input';
import { SelectField } from '@/components/ui/select';
import { closeCoachingInput, dropReasonInput, MAX_DROP_REASON_LENGTH } from '@/lib/agents/coaching-input';
import { useCoachingError } from './use-coaching-error';

export type Candidate = { id: number; day: string; score: number | null };

const closeResolver = schemaResolver<{ followUpEvaluationId: number }>(closeCoachingInput.pick({ followUpEvaluationId: true }));
const dropResolver = schemaResolver<{ reason: string }>(dropReasonInput);

function useInvalidate() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.coaching.pathKey() });
}

function CloseForm({ siteCode, id, candidates, onDone }: { siteCode: string; id: number; candidates: Candidate[]; onDone: () => void }) {
  const t = useTranslations('coaching');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const errorText = useCoachingError();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const form = useForm<{ followUpEvaluationId: number }>({
    resolver: closeResolver,
    defaultValues: { followUpEvaluationId: candidates[0]?.id ?? Number.NaN },
  });
  const close = useMutation(
    trpc.coaching.close.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onDone();
      },
    }),
  );
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  if (candidates.length === 0) return <p className="text-sm text-slate-600">{t('noCandidate')}</p>;
  return (
    <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => close.mutate({ site: siteCode, id, followUpEvaluationId: v.followUpEvaluationId }))}>
      <SelectField
        id={`coaching-follow-up-${id}`}
        label={t('followUp')}
        hint={t('closeHint')}
        error={errorText(form.formState.errors.followUpEvaluationId?.message)}
        options={candidates.map((c) => ({
          value: String(c.id),
          label: t('candidate', { id: c.id, day: day(c.day), score: c.score === null ? '—' : format.number(c.score, { maximumFractionDigits: 1 }) }),
        }))}
        {...form.register('followUpEvaluationId', { setValueAs: (v: string | number) => Number(v) })}
      />
      <FormActions
        refusal={close.isError ? (serverMessageOf(close.error) ?? tCommon('saveFailed')) : null}
        pending={close.isPending}
        submitLabel={t('submitClose')}
        pendingLabel={t('closing')}
        cancelLabel={tCommon('cancel')}
        onCancel={onDone}
      />
    </form>
  );
}

function DropForm({ siteCode, id, onDone }: { siteCode: string; id: number; onDone: () => void }) {
  const t = useTranslations('coaching');
  const tCommon = useTranslations('common');
  const errorText = useCoachingError();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const form = useForm<{ reason: string }>({ resolver: dropResolver, mode: 'onTouched', defaultValues: { reason: '' } });
  const drop = useMutation(
    trpc.coaching.drop.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onDone();
      },
    }),
  );
  return (
    <form noValidate className="space-y-4" onSubmit={form.handleSubmit((v) => drop.mutate({ site: siteCode, id, reason: v.reason }))}>
      <Field id={`coaching-reason-${id}`} label={t('reason')} hint={t('reasonHint')} error={errorText(form.formState.errors.reason?.message)}>
        {(aria) => <textarea {...aria} rows={2} maxLength={MAX_DROP_REASON_LENGTH} className={cn(controlClasses, 'py-2')} {...form.register('reason')} />}
      </Field>
      <FormActions
        refusal={drop.isError ? (serverMessageOf(drop.error) ?? tCommon('saveFailed')) : null}
        pending={drop.isPending}
        submitLabel={t('submitDrop')}
        pendingLabel={t('dropping')}
        cancelLabel={tCommon('cancel')}
        onCancel={onDone}
      />
    </form>
  );
}

/** The Close and Drop buttons of an open session, each opening its form in a dialog. */
export function SessionActions({ siteCode, id, candidates }: { siteCode: string; id: number; candidates: Candidate[] }) {
  const t = useTranslations('coaching');
  const tCommon = useTranslations('common');
  const [dialog, setDialog] = useState<'close' | 'drop' | null>(null);
  const done = () => setDialog(null);
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <Button size="sm" onClick={() => setDialog('close')}>
        {t('close')}
      </Button>
      <Button size="sm" variant="secondary" onClick={() => setDialog('drop')}>
        {t('drop')}
      </Button>
      <Dialog open={dialog === 'close'} onClose={done} title={t('closeTitle')} closeLabel={tCommon('close')}>
        {dialog === 'close' ? <CloseForm siteCode={siteCode} id={id} candidates={candidates} onDone={done} /> : null}
      </Dialog>
      <Dialog open={dialog === 'drop'} onClose={done} title={t('dropTitle')} closeLabel={tCommon('close')}>
        {dialog === 'drop' ? <DropForm siteCode={siteCode} id={id} onDone={done} /> : null}
      </Dialog>
    </div>
  );
}
