'use client';
// The site lead's daily report for one site-local day: staffing, productive hours, incidents,
// highlights and blockers. Checked in the browser with the API's schema; sending it again amends
// it, until headquarters acknowledges it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { FormError } from '@/components/forms/form-error';
import { errorCodeOf, refusedFields, serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { controlClasses, Field, TextField } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { ReportView } from '@/server/reports/service';
import { INCIDENT_CATEGORIES } from './incident-categories';
import { reportInputOf, reportResolver, reportValuesOf, type ReportField, type ReportValues } from './report-form-values';

export function ReportForm({ date, report, onSaved }: { date: string; report: ReportView | null; onSaved?: () => void }) {
  const t = useTranslations('reports');
  const tCommon = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const resolver = useMemo(() => reportResolver(date), [date]);
  const form = useForm<ReportValues>({ resolver, mode: 'onTouched', defaultValues: reportValuesOf(report) });
  const incidents = useFieldArray({ control: form.control, name: 'incidents' });
  const submit = useMutation(
    trpc.reports.submit.mutationOptions({
      onSuccess: async () => {
        // The values sent become the form's own: "saved" shows until the next change.
        form.reset(form.getValues(), { keepValues: true });
        await queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
        onSaved?.();
      },
    }),
  );
  const { errors, isDirty } = form.formState;
  const refused = refusedFields(submit.error);
  const code = errorCodeOf(submit.error);
  // The browser's check first; a field the server refused anyway (its own rules) is named too.
  const fieldError = (field: ReportField) => (errors[field] || refused.has(field) ? t(`errors.${field}`) : null);
  const saved = submit.isSuccess && !isDirty;

  function onSubmit(values: ReportValues) {
    submit.mutate(reportInputOf(date, values));
  }

  const formError = !submit.isError
    ? null
    : code === 'CONFLICT'
      ? t('errors.acknowledged')
      : refused.size > 0
        ? null
        : code === 'BAD_REQUEST'
          ? serverMessageOf(submit.error)
          : tCommon('saveFailed');

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} className="space-y-4" noValidate aria-label={t('form.label', { date })}>
      <FormError>{formError}</FormError>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <TextField
          id="report-scheduled"
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          label={t('fields.scheduledAgents')}
          error={fieldError('scheduledAgents')}
          {...form.register('scheduledAgents')}
          required
        />
        <TextField
          id="report-present"
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          label={t('fields.presentAgents')}
          error={fieldError('presentAgents')}
          {...form.register('presentAgents')}
          required
        />
        <TextField
          id="report-leavers"
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          label={t('fields.leavers')}
          hint={t('hints.leavers')}
          error={fieldError('leavers')}
          {...form.register('leavers')}
        />
        <TextField
          id="report-productive-hours"
          type="number"
          min={0}
          step={0.25}
          inputMode="decimal"
          label={t('fields.productiveHours')}
          hint={t('hints.productiveHours')}
          error={fieldError('productiveHours')}
          {...form.register('productiveHours')}
        />
      </div>

      <fieldset className="rounded-md border border-slate-200 px-3 pt-1 pb-3">
        <legend className="px-1 text-xs font-medium text-slate-700">{t('fields.incidents')}</legend>
        {fieldError('incidents') ? <p className="mb-2 text-xs text-red-700">{fieldError('incidents')}</p> : null}
        {incidents.fields.length === 0 ? <p className="py-1 text-xs text-slate-500">{t('form.noIncident')}</p> : null}
        <ol className="space-y-2">
          {incidents.fields.map((incident, index) => (
            <li key={incident.id} className="grid grid-cols-1 items-end gap-2 sm:grid-cols-[10rem_1fr_7rem_auto]">
              <Field id={`incident-${index}-category`} label={t('form.category')}>
                {(aria) => (
                  <Select {...aria} {...form.register(`incidents.${index}.category`)}>
                    {INCIDENT_CATEGORIES.map((c) => (
                      <option key={c} value={c}>
                        {t(`incidents.${c}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <TextField
                id={`incident-${index}-description`}
                label={t('form.description')}
                {...form.register(`incidents.${index}.description`)}
                maxLength={1000}
                required
              />
              <TextField
                id={`incident-${index}-minutes`}
                type="number"
                min={0}
                max={1440}
                step={1}
                inputMode="numeric"
                label={t('form.minutesLost')}
                {...form.register(`incidents.${index}.minutesLost`)}
              />
              <Button
                variant="ghost"
                size="sm"
                className="mb-1"
                aria-label={t('form.removeIncident', { index: index + 1 })}
                onClick={() => incidents.remove(index)}
              >
                {t('form.remove')}
              </Button>
            </li>
          ))}
        </ol>
        <Button
          variant="secondary"
          size="sm"
          className="mt-2"
          onClick={() => incidents.append({ category: 'telecom', description: '', minutesLost: '' })}
        >
          {t('form.addIncident')}
        </Button>
      </fieldset>

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field id="report-highlights" label={t('fields.highlights')} error={fieldError('highlights')}>
          {(aria) => (
            <textarea
              {...aria}
              rows={3}
              maxLength={4000}
              {...form.register('highlights')}
              className={cn(controlClasses, 'py-1.5')}
            />
          )}
        </Field>
        <Field id="report-blockers" label={t('fields.blockers')} hint={t('hints.blockers')} error={fieldError('blockers')}>
          {(aria) => (
            <textarea
              {...aria}
              rows={3}
              maxLength={4000}
              {...form.register('blockers')}
              className={cn(controlClasses, 'py-1.5')}
            />
          )}
        </Field>
      </div>

      <div className="flex items-center justify-end gap-3 border-t border-slate-100 pt-4">
        {saved && !submit.isPending ? (
          <p role="status" className="text-sm text-emerald-700">
            {t('form.saved')}
          </p>
        ) : null}
        <Button type="submit" disabled={submit.isPending}>
          {submit.isPending ? tCommon('saving') : report ? t('form.amend') : t('form.submit')}
        </Button>
      </div>
    </form>
  );
}
