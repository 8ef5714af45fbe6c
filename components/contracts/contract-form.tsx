'use client';
// Adds a version of a site's contract (admins): the day it takes effect, the provider and currency,
// the pricing (model, rate, seats for a per-seat price, fixed monthly fees) and its terms, each a
// KPI over a period with the misses it allows, a penalty and maybe a bonus, read back in words as
// it is typed. Checked in the browser with the schema the server checks with
// (contract-form-values.ts), so each field's error shows before anything is sent.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useId } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { FormActions } from '@/components/forms/form-actions';
import { issuesResolver } from '@/components/forms/issues-resolver';
import { refusalOf } from '@/components/forms/server-refusal';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/select';
import { TextField } from '@/components/ui/input';
import { ADJUSTMENT_KINDS, MAX_TERMS, PRICING_MODELS, TERM_COMPARISONS, TERM_METRICS, TERM_PERIODS, type TermMetric } from '@/lib/contracts/contract-input';
import {
  checkContractValues,
  contractFromValues,
  emptyTermValues,
  formErrorsOf,
  naturalComparison,
  thresholdFromDisplay,
  thresholdUnitOf,
  type ContractErrorKey,
  type ContractFormValues,
  type TermFormValues,
} from './contract-form-values';
import { describeTerm, termMetricLabel } from './wording';

const resolver = issuesResolver(checkContractValues, formErrorsOf);

/** A term as typed, in words; null while it does not parse yet. */
function termPreview(term: TermFormValues, currency: string, locale: string): string | null {
  const threshold = thresholdFromDisplay(term.metric, term.threshold);
  const value = Number(term.penaltyValue.replace(',', '.'));
  const misses = Number(term.allowedMisses);
  if (!Number.isFinite(threshold) || term.penaltyValue.trim() === '' || !Number.isFinite(value) || !Number.isInteger(misses) || !/^[A-Z]{3}$/.test(currency)) return null;
  const cap = term.penaltyCap.trim() === '' ? null : Number(term.penaltyCap.replace(',', '.'));
  const bonus = term.bonusKind === 'none' ? null : { kind: term.bonusKind, value: Number(term.bonusValue.replace(',', '.')) };
  if ((cap !== null && !Number.isFinite(cap)) || (bonus && !Number.isFinite(bonus.value))) return null;
  try {
    return describeTerm({ ...term, threshold, allowedMisses: misses, penalty: { kind: term.penaltyKind, value, cap }, bonus }, currency, locale);
  } catch {
    return null;
  }
}

export function ContractForm({ initial, onDone }: { initial: ContractFormValues; onDone: () => void }) {
  const t = useTranslations('contracts.form');
  const tContracts = useTranslations('contracts');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const {
    register,
    handleSubmit,
    watch,
    setValue,
    control,
    formState: { errors, isSubmitted },
  } = useForm<ContractFormValues>({ resolver, defaultValues: initial });
  const terms = useFieldArray({ control, name: 'terms' });
  const save = useMutation(
    trpc.contracts.save.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.contracts.list.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.contracts.rates.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.contracts.statements.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.contracts.statement.queryKey() }),
        ]);
        onDone();
      },
    }),
  );
  const error = (key: string | undefined) => (key ? t(`errors.${key as ContractErrorKey}`) : null);
  const model = watch('model');
  const currency = watch('currency').trim().toUpperCase();
  const shownCurrency = /^[A-Z]{3}$/.test(currency) ? currency : '—';
  const watchedTerms = watch('terms');

  return (
    <form onSubmit={handleSubmit((values) => save.mutate(contractFromValues(values)))} className="space-y-5" noValidate>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField id={`${id}-site`} label={t('site')} value={initial.site} readOnly disabled />
        <TextField
          id={`${id}-from`}
          label={t('effectiveFrom')}
          type="date"
          hint={t('replaceHint')}
          error={error(errors.effectiveFrom?.message)}
          {...register('effectiveFrom')}
        />
        <TextField id={`${id}-currency`} label={t('currency')} hint={t('currencyHint')} maxLength={3} autoComplete="off" error={error(errors.currency?.message)} {...register('currency')} />
      </div>
      <TextField id={`${id}-provider`} label={t('provider')} hint={t('providerHint')} maxLength={100} autoComplete="off" error={error(errors.provider?.message)} {...register('provider')} />

      <fieldset className="space-y-3">
        <legend className="text-xs font-semibold tracking-wide text-slate-700 uppercase">{t('pricingLegend')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            id={`${id}-model`}
            label={t('model')}
            error={error(errors.model?.message)}
            options={PRICING_MODELS.map((m) => ({ value: m, label: tContracts(`models.${m}`) }))}
            {...register('model')}
          />
          <TextField id={`${id}-rate`} label={t('rate', { currency: shownCurrency })} inputMode="decimal" autoComplete="off" error={error(errors.rate?.message)} {...register('rate')} />
          {model === 'per_seat_month' ? (
            <TextField id={`${id}-seats`} label={t('seats')} inputMode="numeric" autoComplete="off" error={error(errors.seats?.message)} {...register('seats')} />
          ) : null}
          <TextField
            id={`${id}-fixed`}
            label={t('fixedMonthly', { currency: shownCurrency })}
            hint={t('fixedMonthlyHint')}
            inputMode="decimal"
            autoComplete="off"
            error={error(errors.fixedMonthly?.message)}
            {...register('fixedMonthly')}
          />
        </div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-xs font-semibold tracking-wide text-slate-700 uppercase">{t('termsLegend')}</legend>
        <p className="text-xs text-slate-500">{t('termsHint')}</p>
        {terms.fields.map((field, index) => {
          const termErrors = errors.terms?.[index];
          const term = watchedTerms[index];
          const preview = term ? termPreview(term, currency, locale) : null;
          const at = <K extends keyof TermFormValues>(name: K) => `terms.${index}.${name}` as const;
          const metricField = register(at('metric'), {
            // A new metric brings the comparison that means "good" for it.
            onChange: (event: { target: { value: string } }) => setValue(at('comparison'), naturalComparison(event.target.value as TermMetric), { shouldValidate: isSubmitted }),
          });
          return (
            <fieldset key={field.id} className="space-y-3 rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-xs font-medium text-slate-700">{t('termLegend', { number: index + 1 })}</legend>
              <div className="grid gap-3 sm:grid-cols-4">
                <SelectField
                  id={`${id}-t${index}-metric`}
                  label={t('metric')}
                  error={error(termErrors?.metric?.message)}
                  options={TERM_METRICS.map((m) => ({ value: m, label: termMetricLabel(m, locale) }))}
                  {...metricField}
                />
                <SelectField
                  id={`${id}-t${index}-comparison`}
                  label={t('comparison')}
                  error={error(termErrors?.comparison?.message)}
                  options={TERM_COMPARISONS.map((c) => ({ value: c, label: tContracts(`comparisons.${c}`) }))}
                  {...register(at('comparison'))}
                />
                <TextField
                  id={`${id}-t${index}-threshold`}
                  label={t('threshold', { unit: t(`units.${thresholdUnitOf(term?.metric ?? 'serviceLevel')}`) })}
                  inputMode="decimal"
                  autoComplete="off"
                  error={error(termErrors?.threshold?.message)}
                  {...register(at('threshold'))}
                />
                <SelectField
                  id={`${id}-t${index}-period`}
                  label={t('period')}
                  error={error(termErrors?.period?.message)}
                  options={TERM_PERIODS.map((p) => ({ value: p, label: tContracts(`periods.${p}`) }))}
                  {...register(at('period'))}
                />
              </div>
              <div className="grid gap-3 sm:grid-cols-4">
                <TextField
                  id={`${id}-t${index}-misses`}
                  label={t('allowedMisses')}
                  inputMode="numeric"
                  autoComplete="off"
                  error={error(termErrors?.allowedMisses?.message)}
                  {...register(at('allowedMisses'))}
                />
                <SelectField
                  id={`${id}-t${index}-penalty-kind`}
                  label={t('penaltyKind')}
                  options={ADJUSTMENT_KINDS.map((k) => ({ value: k, label: k === 'fixed' ? `${tContracts('adjustments.fixed')} (${shownCurrency})` : tContracts('adjustments.percent') }))}
                  {...register(at('penaltyKind'))}
                />
                <TextField
                  id={`${id}-t${index}-penalty`}
                  label={t('penaltyValue')}
                  inputMode="decimal"
                  autoComplete="off"
                  error={error(termErrors?.penaltyValue?.message)}
                  {...register(at('penaltyValue'))}
                />
                <TextField
                  id={`${id}-t${index}-cap`}
                  label={t('penaltyCap', { currency: shownCurrency })}
                  hint={t('penaltyCapHint')}
                  inputMode="decimal"
                  autoComplete="off"
                  error={error(termErrors?.penaltyCap?.message)}
                  {...register(at('penaltyCap'))}
                />
              </div>
              <div className="grid items-end gap-3 sm:grid-cols-4">
                <SelectField
                  id={`${id}-t${index}-bonus-kind`}
                  label={t('bonusKind')}
                  options={[
                    { value: 'none', label: t('bonusNone') },
                    ...ADJUSTMENT_KINDS.map((k) => ({ value: k, label: k === 'fixed' ? `${tContracts('adjustments.fixed')} (${shownCurrency})` : tContracts('adjustments.percent') })),
                  ]}
                  {...register(at('bonusKind'))}
                />
                {term?.bonusKind && term.bonusKind !== 'none' ? (
                  <TextField
                    id={`${id}-t${index}-bonus`}
                    label={t('bonusValue')}
                    inputMode="decimal"
                    autoComplete="off"
                    error={error(termErrors?.bonusValue?.message)}
                    {...register(at('bonusValue'))}
                  />
                ) : (
                  <span />
                )}
                <div className="flex justify-end sm:col-span-2">
                  <Button variant="ghost" size="sm" onClick={() => terms.remove(index)}>
                    {t('removeTerm', { number: index + 1 })}
                  </Button>
                </div>
              </div>
              {preview ? <p className="text-xs text-slate-600">{t('preview', { words: preview })}</p> : null}
            </fieldset>
          );
        })}
        <Button variant="secondary" size="sm" disabled={terms.fields.length >= MAX_TERMS} onClick={() => terms.append(emptyTermValues())}>
          {t('addTerm')}
        </Button>
      </fieldset>

      <FormActions
        refusal={save.isError ? (refusalOf(save.error) ?? t('failed')) : null}
        pending={save.isPending}
        submitLabel={t('save')}
        pendingLabel={t('saving')}
        cancelLabel={tCommon('cancel')}
        onCancel={onDone}
      />
    </form>
  );
}
