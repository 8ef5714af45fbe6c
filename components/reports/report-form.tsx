'use client';
// The site lead's daily report for one site-local day: staffing, incidents, highlights and
// blockers. Sending it again amends it, until headquarters acknowledges it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormError } from '@/components/forms/form-error';
import { errorCodeOf, refusedFields, serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { controlClasses, Field, TextField } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { ReportView } from '@/server/reports/service';
import { INCIDENT_CATEGORIES, type IncidentCategory } from './incident-categories';
import { hoursText, optionalHours } from './report-form-values';

type IncidentValues = { category: IncidentCategory; description: string; minutesLost: string };
type Values = {
  scheduledAgents: string;
  presentAgents: string;
  leavers: string;
  incidents: IncidentValues[];
  highlights: string;
  blockers: string;
  productiveHours: string;
};

function initialValues(report: ReportView | null): Values {
  return {
    scheduledAgents: report ? String(report.scheduledAgents) : '',
    presentAgents: report ? String(report.presentAgents) : '',
    leavers: report ? String(report.leavers) : '0',
    incidents: (report?.incidents ?? []).map((i) => ({
      category: (INCIDENT_CATEGORIES as readonly string[]).includes(i.category) ? (i.category as IncidentCategory) : 'other',
      description: i.description,
      minutesLost: i.minutesLost === null || i.minutesLost === undefined ? '' : String(i.minutesLost),
    })),
    highlights: report?.highlights ?? '',
    blockers: report?.blockers ?? '',
    productiveHours: hoursText(report?.productiveHours ?? null),
  };
}

/** A number field's text as the API takes it: empty stays invalid so the server names the field. */
const toCount = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export function ReportForm({ date, report, onSaved }: { date: string; report: ReportView | null; onSaved?: () => void }) {
  const t = useTranslations('reports');
  const tCommon = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(() => initialValues(report));
  const [saved, setSaved] = useState(false);
  const submit = useMutation(
    trpc.reports.submit.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
        onSaved?.();
      },
    }),
  );
  const refused = refusedFields(submit.error);
  const code = errorCodeOf(submit.error);
  const fieldError = (field: keyof Values) => (refused.has(field) ? t(`errors.${field}`) : null);

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setSaved(false);
    setValues((current) => ({ ...current, [key]: value }));
  }
  function setIncident(index: number, patch: Partial<IncidentValues>) {
    set(
      'incidents',
      values.incidents.map((incident, i) => (i === index ? { ...incident, ...patch } : incident)),
    );
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit.mutate({
      date,
      scheduledAgents: toCount(values.scheduledAgents),
      presentAgents: toCount(values.presentAgents),
      leavers: toCount(values.leavers),
      incidents: values.incidents.map((i) => ({
        category: i.category,
        description: i.description,
        minutesLost: i.minutesLost.trim() === '' ? null : Number(i.minutesLost),
      })),
      highlights: values.highlights,
      blockers: values.blockers,
      productiveHours: optionalHours(values.productiveHours),
    });
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
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label={t('form.label', { date })}>
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
          value={values.scheduledAgents}
          onChange={(e) => set('scheduledAgents', e.target.value)}
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
          value={values.presentAgents}
          onChange={(e) => set('presentAgents', e.target.value)}
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
          value={values.leavers}
          onChange={(e) => set('leavers', e.target.value)}
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
          value={values.productiveHours}
          onChange={(e) => set('productiveHours', e.target.value)}
        />
      </div>

      <fieldset className="rounded-md border border-slate-200 px-3 pt-1 pb-3">
        <legend className="px-1 text-xs font-medium text-slate-700">{t('fields.incidents')}</legend>
        {refused.has('incidents') ? <p className="mb-2 text-xs text-red-700">{t('errors.incidents')}</p> : null}
        {values.incidents.length === 0 ? <p className="py-1 text-xs text-slate-500">{t('form.noIncident')}</p> : null}
        <ol className="space-y-2">
          {values.incidents.map((incident, index) => (
            <li key={index} className="grid grid-cols-1 items-end gap-2 sm:grid-cols-[10rem_1fr_7rem_auto]">
              <Field id={`incident-${index}-category`} label={t('form.category')}>
                {(aria) => (
                  <Select {...aria} value={incident.category} onChange={(e) => setIncident(index, { category: e.target.value as IncidentCategory })}>
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
                value={incident.description}
                onChange={(e) => setIncident(index, { description: e.target.value })}
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
                value={incident.minutesLost}
                onChange={(e) => setIncident(index, { minutesLost: e.target.value })}
              />
              <Button
                variant="ghost"
                size="sm"
                className="mb-1"
                aria-label={t('form.removeIncident', { index: index + 1 })}
                onClick={() =>
                  set(
                    'incidents',
                    values.incidents.filter((_, i) => i !== index),
                  )
                }
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
          onClick={() => set('incidents', [...values.incidents, { category: 'telecom', description: '', minutesLost: '' }])}
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
              value={values.highlights}
              onChange={(e) => set('highlights', e.target.value)}
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
              value={values.blockers}
              onChange={(e) => set('blockers', e.target.value)}
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
