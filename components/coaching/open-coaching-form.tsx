'use client';
// Opening a coaching session: its objective, who runs it (an active lead of the site or an
// administrator, coaching.owners) and its due date, checked in the browser with the server's own
// schema (lib/agents/coaching-input.ts). The source (an evaluation, a dispute, a flag) is given.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useForm } from 'react-hook-form';
import { FormActions } from '@/components/forms/form-actions';
import { schemaResolver } from '@/components/forms/schema-resolver';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { controlClasses, Field, TextField } from '@/components/ui/input';
import { QueryState } from '@/components/ui/query-state';
import { SelectField } from '@/components/ui/select';
import { cn } from '@/components/ui/cn';
import { coachingPlanInput, MAX_OBJECTIVE_LENGTH, type CoachingSourceInput } from '@/lib/agents/coaching-input';
import { useCoachingError } from './use-coaching-error';

type Values = { objective: string; ownerUserId: number; dueDate: string };

const resolver = schemaResolver<Values>(coachingPlanInput);

type Props = {
  siteCode: string;
  agentRef: string;
  source: CoachingSourceInput;
  defaultObjective: string;
  /** The first owner offered: the reader, when they may run it. */
  defaultOwnerId?: number;
  /** YYYY-MM-DD the due date starts at. */
  defaultDueDate: string;
  onDone: (opened: boolean) => void;
};

export function OpenCoachingForm({ siteCode, agentRef, source, defaultObjective, defaultOwnerId, defaultDueDate, onDone }: Props) {
  const t = useTranslations('coaching');
  const tCommon = useTranslations('common');
  const errorText = useCoachingError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const owners = useQuery(trpc.coaching.owners.queryOptions({ site: siteCode }));
  const form = useForm<Values>({
    resolver,
    mode: 'onTouched',
    defaultValues: { objective: defaultObjective, ownerUserId: defaultOwnerId ?? Number.NaN, dueDate: defaultDueDate },
  });
  const open = useMutation(
    trpc.coaching.open.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.coaching.pathKey() });
        onDone(true);
      },
    }),
  );
  const { errors } = form.formState;
  const ownerOptions = (list: { id: number; name: string; email: string }[]) => [
    { value: '', label: t('ownerNone') },
    ...list.map((o) => ({ value: String(o.id), label: `${o.name} (${o.email})` })),
  ];

  // The form is drawn once the owners are known, so that the owner select shows its default.
  return (
    <QueryState query={owners} errorTitle={t('loadFailed')}>
      {(data) => (
        <form noValidate className="space-y-4" onSubmit={form.handleSubmit((values) => open.mutate({ site: siteCode, agentRef, source, ...values }))}>
          <Field id="coaching-objective" label={t('objective')} hint={t('objectiveHint')} error={errorText(errors.objective?.message)}>
            {(aria) => <textarea {...aria} rows={3} maxLength={MAX_OBJECTIVE_LENGTH} className={cn(controlClasses, 'py-2')} {...form.register('objective')} />}
          </Field>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <SelectField
              id="coaching-owner"
              label={t('owner')}
              options={ownerOptions(data.owners)}
              error={errorText(errors.ownerUserId?.message)}
              {...form.register('ownerUserId', {
                setValueAs: (v: string | number) => (v === '' ? Number.NaN : Number(v)),
              })}
            />
            <TextField id="coaching-due" type="date" label={t('dueDate')} error={errorText(errors.dueDate?.message)} {...form.register('dueDate')} />
          </div>
          <FormActions
            refusal={open.isError ? (serverMessageOf(open.error) ?? tCommon('saveFailed')) : null}
            pending={open.isPending}
            submitLabel={t('submitOpen')}
            pendingLabel={t('opening')}
            cancelLabel={tCommon('cancel')}
            onCancel={() => onDone(false)}
          />
        </form>
      )}
    </QueryState>
  );
}
