'use client';
// Creates or changes an alert rule: the metric (with its unit and formula), the scope (sites and
// queues, or the network as one figure), the window for the metrics that take one, the condition
// (a number in the metric's display unit, or worse than the target's red or amber), minimum
// volume, hold, reminders, severity, quiet when closed, and the channels. Checked in the browser
// with the schema the server checks with (rule-form-values.ts), so each field's error shows before
// anything is sent.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useId } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { FormActions } from '@/components/forms/form-actions';
import { issuesResolver } from '@/components/forms/issues-resolver';
import type { RouterOutputs } from '@/components/forms/router-types';
import { refusalOf } from '@/components/forms/server-refusal';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { controlClasses, Field, TextField } from '@/components/ui/input';
import { SelectField } from '@/components/ui/select';
import { cn } from '@/components/ui/cn';
import { ALERT_METRICS, ALERT_METRIC_DEFINITIONS, type AlertMetric } from '@/lib/alerts/metrics';
import { ALERT_SEVERITIES, WEBHOOK_FORMATS } from '@/lib/alerts/rule-input';
import { comparisonLabel, metricFormula, metricLabel } from '@/lib/alerts/wording';
import {
  checkRuleValues,
  displayUnitOf,
  emptyRuleValues,
  formErrorsOf,
  ruleFromValues,
  valuesFromRule,
  type RuleErrorKey,
  type RuleFormValues,
} from './rule-form-values';

export type AlertRule = RouterOutputs['alerts']['rules']['list'][number];

const resolver = issuesResolver(checkRuleValues, formErrorsOf);

export function RuleForm({ rule, onDone }: { rule: AlertRule | null; onDone: () => void }) {
  const t = useTranslations('alerts.form');
  const tAlerts = useTranslations('alerts');
  const locale = useLocale();
  const tCommon = useTranslations('common');
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sites = useQuery(trpc.sites.list.queryOptions());
  const activeSites = (sites.data ?? []).filter((s) => s.active);
  const {
    register,
    handleSubmit,
    watch,
    setValue,
    control,
    formState: { errors, isSubmitted },
  } = useForm<RuleFormValues>({ resolver, defaultValues: rule ? valuesFromRule(rule) : emptyRuleValues() });
  const webhooks = useFieldArray({ control, name: 'webhooks' });

  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.alerts.rules.list.queryKey() });
    onDone();
  };
  const create = useMutation(trpc.alerts.rules.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.alerts.rules.update.mutationOptions({ onSuccess }));
  const mutation = rule ? update : create;

  const metric = watch('metric');
  const def = ALERT_METRIC_DEFINITIONS[metric];
  const scopeMode = watch('scopeMode');
  const chosenSites = watch('sites');
  const windowKind = watch('windowKind');
  const thresholdKind = watch('thresholdKind');
  const unitLabel = (m: AlertMetric) => tAlerts(`units.${displayUnitOf(m)}`);
  const error = (key: string | undefined) => (key ? t(`errors.${key as RuleErrorKey}`) : null);
  const revalidate = { shouldValidate: isSubmitted };

  function submit(values: RuleFormValues) {
    const input = ruleFromValues(values);
    if (rule) update.mutate({ id: rule.id, rule: input });
    else create.mutate(input);
  }

  // A new metric brings the comparison that means "worse" for it, and drops a target it lacks.
  const metricField = register('metric', {
    onChange: (event: { target: { value: string } }) => {
      const next = ALERT_METRIC_DEFINITIONS[event.target.value as AlertMetric];
      setValue('comparison', next.better === 'higher' ? 'below' : 'above', revalidate);
      if (!next.target) setValue('thresholdKind', 'number', revalidate);
      if (next.source !== 'calls' && next.source !== 'qa') setValue('scopeMode', 'sites', revalidate);
    },
  });

  function toggleSite(code: string, on: boolean) {
    const current = new Set(chosenSites);
    if (on) current.add(code);
    else current.delete(code);
    setValue('sites', [...current].sort(), revalidate);
  }

  const refusal = mutation.isError ? (refusalOf(mutation.error) ?? t('errors.failed')) : null;

  return (
    <form onSubmit={handleSubmit(submit)} className="space-y-5" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id={`${id}-name`} label={t('name')} error={error(errors.name?.message)} maxLength={100} autoComplete="off" {...register('name')} />
        <SelectField
          id={`${id}-metric`}
          label={t('metric')}
          hint={t('formula', { formula: metricFormula(metric, locale) ?? '' })}
          error={error(errors.metric?.message)}
          options={ALERT_METRICS.map((m) => ({ value: m, label: t('metricOption', { metric: metricLabel(m, locale), unit: unitLabel(m) }) }))}
          {...metricField}
        />
      </div>

      <fieldset className="space-y-2">
        <legend className="text-xs font-medium text-slate-700">{t('scope')}</legend>
        {def.source === 'calls' || def.source === 'qa' ? (
          <div className="flex flex-wrap gap-4 text-sm">
            <label className="inline-flex items-center gap-2">
              <input type="radio" value="sites" {...register('scopeMode')} />
              {t('eachSite')}
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="radio" value="network" {...register('scopeMode')} />
              {t('network')}
            </label>
          </div>
        ) : null}
        {errors.scopeMode ? <p className="text-xs text-red-700">{error(errors.scopeMode.message)}</p> : null}
        {scopeMode === 'sites' ? (
          <>
            <Field id={`${id}-sites`} label={t('sites')} hint={t('sitesHint')} error={error(errors.sites?.message)}>
              {(aria) => (
                <div
                  id={aria.id}
                  role="group"
                  aria-label={t('sites')}
                  aria-describedby={aria['aria-describedby']}
                  className="grid grid-cols-2 gap-x-4 gap-y-1.5 rounded-md border border-slate-200 p-3 sm:grid-cols-4"
                >
                  {activeSites.map((site) => (
                    <label key={site.code} className="inline-flex items-center gap-2 text-sm">
                      <input type="checkbox" checked={chosenSites.includes(site.code)} onChange={(e) => toggleSite(site.code, e.target.checked)} />
                      <span className="font-mono text-xs font-semibold">{site.code}</span>
                      <span className="truncate text-slate-600">{site.name}</span>
                    </label>
                  ))}
                </div>
              )}
            </Field>
            {def.byQueue ? (
              <TextField id={`${id}-queues`} label={t('queues')} hint={t('queuesHint')} error={error(errors.queues?.message)} autoComplete="off" {...register('queues')} />
            ) : null}
          </>
        ) : null}
      </fieldset>

      {def.windowed ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            id={`${id}-window`}
            label={t('window')}
            error={error(errors.windowKind?.message)}
            options={(['trailing', 'today', 'yesterday'] as const).map((w) => ({ value: w, label: t(w) }))}
            {...register('windowKind')}
          />
          {windowKind === 'trailing' ? (
            <TextField
              id={`${id}-trailing`}
              label={t('trailingMinutes')}
              inputMode="numeric"
              error={error(errors.trailingMinutes?.message)}
              autoComplete="off"
              {...register('trailingMinutes')}
            />
          ) : null}
        </div>
      ) : (
        <p className="text-xs text-slate-500">{t('noWindow')}</p>
      )}

      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          id={`${id}-comparison`}
          label={t('comparison')}
          error={error(errors.comparison?.message)}
          options={(['below', 'above'] as const).map((c) => ({ value: c, label: comparisonLabel(c, locale) }))}
          {...register('comparison')}
        />
        <SelectField
          id={`${id}-threshold-kind`}
          label={t('thresholdKind')}
          error={error(errors.thresholdKind?.message)}
          options={[
            { value: 'number', label: t('thresholdNumber') },
            ...(def.target
              ? [
                  { value: 'target-red', label: t('targetRed') },
                  { value: 'target-amber', label: t('targetAmber') },
                ]
              : []),
          ]}
          {...register('thresholdKind')}
        />
        {thresholdKind === 'number' ? (
          <TextField
            id={`${id}-threshold`}
            label={t('threshold', { unit: unitLabel(metric) })}
            inputMode="decimal"
            error={error(errors.threshold?.message)}
            autoComplete="off"
            {...register('threshold')}
          />
        ) : null}
      </div>

      <div className="grid gap-4 sm:grid-cols-3">
        <TextField id={`${id}-volume`} label={t('minVolume')} hint={t('minVolumeHint')} inputMode="numeric" error={error(errors.minVolume?.message)} autoComplete="off" {...register('minVolume')} />
        <TextField id={`${id}-hold`} label={t('holdMinutes')} hint={t('holdHint')} inputMode="numeric" error={error(errors.holdMinutes?.message)} autoComplete="off" {...register('holdMinutes')} />
        <TextField
          id={`${id}-renotify`}
          label={t('renotifyMinutes')}
          hint={t('renotifyHint')}
          inputMode="numeric"
          error={error(errors.renotifyMinutes?.message)}
          autoComplete="off"
          {...register('renotifyMinutes')}
        />
      </div>

      <div className="grid items-end gap-4 sm:grid-cols-3">
        <SelectField
          id={`${id}-severity`}
          label={t('severity')}
          error={error(errors.severity?.message)}
          options={ALERT_SEVERITIES.map((s) => ({ value: s, label: tAlerts(`severities.${s}`) }))}
          {...register('severity')}
        />
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" {...register('quietWhenClosed')} />
          {t('quietWhenClosed')}
        </label>
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" {...register('enabled')} />
          {t('enabled')}
        </label>
      </div>

      <fieldset className="space-y-3">
        <legend className="text-xs font-medium text-slate-700">{t('channels')}</legend>
        <p className="text-xs text-slate-500">{t('channelsHint')}</p>
        <Field id={`${id}-emails`} label={t('emails')} hint={t('emailsHint')} error={error(errors.emails?.message)}>
          {(aria) => <textarea {...aria} rows={2} className={cn(controlClasses, 'py-1.5')} autoComplete="off" {...register('emails')} />}
        </Field>
        {webhooks.fields.map((field, index) => {
          const fieldErrors = errors.webhooks?.[index];
          const kept = field.secretSet;
          return (
            <fieldset key={field.id} className="space-y-3 rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-xs font-medium text-slate-700">{t('webhookLegend', { number: index + 1 })}</legend>
              <div className="grid gap-3 sm:grid-cols-[2fr_1fr]">
                <TextField
                  id={`${id}-hook-${index}-url`}
                  label={t('webhookUrl')}
                  type="url"
                  error={error(fieldErrors?.url?.message)}
                  autoComplete="off"
                  {...register(`webhooks.${index}.url`)}
                />
                <SelectField
                  id={`${id}-hook-${index}-format`}
                  label={t('webhookFormat')}
                  error={error(fieldErrors?.format?.message)}
                  options={WEBHOOK_FORMATS.map((f) => ({ value: f, label: t(`formats.${f}`) }))}
                  {...register(`webhooks.${index}.format`)}
                />
              </div>
              <div className="flex flex-wrap items-end gap-3">
                <TextField
                  id={`${id}-hook-${index}-secret`}
                  className="min-w-60 flex-1"
                  label={t('webhookSecret')}
                  type="password"
                  hint={kept ? t('webhookSecretKept') : t('webhookSecretHint')}
                  error={error(fieldErrors?.secret?.message)}
                  autoComplete="new-password"
                  {...register(`webhooks.${index}.secret`)}
                />
                <Button variant="ghost" size="sm" onClick={() => webhooks.remove(index)}>
                  {t('removeWebhook', { number: index + 1 })}
                </Button>
              </div>
            </fieldset>
          );
        })}
        <Button variant="secondary" size="sm" onClick={() => webhooks.append({ url: '', secret: '', format: 'json', secretSet: false })}>
          {t('addWebhook')}
        </Button>
      </fieldset>

      <FormActions
        refusal={refusal}
        pending={mutation.isPending}
        submitLabel={rule ? t('save') : t('create')}
        pendingLabel={rule ? tCommon('saving') : t('creating')}
        cancelLabel={tCommon('cancel')}
        onCancel={onDone}
      />
    </form>
  );
}
