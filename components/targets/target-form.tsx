'use client';
// Green and amber bounds of one metric for one scope, typed in the units people think in
// (percent for ratios, seconds, points out of 100) and checked with the server's own rules.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { FormError } from '@/components/forms/form-error';
import { serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { METRICS, type KpiMetric } from '@/lib/kpi/definitions';
import { fromInputUnit, inputLimits, parseTypedNumber, targetProblems, toInputUnit, type TargetProblem } from '@/lib/kpi/target-bounds';

export type TargetFormValue = { metric: KpiMetric; site: string | null; green: number | null; amber: number | null };

type Props = {
  value: TargetFormValue;
  /** Sites an override may be added for; absent when the scope is fixed. */
  siteChoices?: { code: string; name: string }[];
  onDone: () => void;
  onCancel: () => void;
};

function typed(metric: KpiMetric, stored: number | null): string {
  return stored === null ? '' : String(toInputUnit(metric, stored));
}

export function TargetForm({ value, siteChoices, onDone, onCancel }: Props) {
  const t = useTranslations('targets');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { metric } = value;
  const { unit, direction } = METRICS[metric];
  const [site, setSite] = useState<string | null>(value.site ?? siteChoices?.[0]?.code ?? null);
  const [green, setGreen] = useState(typed(metric, value.green));
  const [amber, setAmber] = useState(typed(metric, value.amber));
  const [problems, setProblems] = useState<TargetProblem[]>([]);
  const save = useMutation(
    trpc.kpi.setTarget.mutationOptions({
      onSuccess: async () => {
        // Every status on every page may change with a target.
        await queryClient.invalidateQueries({ queryKey: trpc.kpi.pathKey() });
        onDone();
      },
    }),
  );

  const limits = inputLimits(metric);
  const number = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v);
  const problemOf = (field: 'green' | 'amber') => {
    const problem = problems.find((p) => p.field === field);
    if (!problem) return null;
    if (problem.reason === 'order') return t(direction === 'higher' ? 'errors.order_higher' : 'errors.order_lower');
    if (problem.reason === 'out_of_range') return t('errors.out_of_range', { min: number(limits.min), max: number(limits.max) });
    return t('errors.not_a_number');
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const g = parseTypedNumber(green);
    const a = parseTypedNumber(amber);
    const bounds = { green: g === null ? Number.NaN : fromInputUnit(metric, g), amber: a === null ? Number.NaN : fromInputUnit(metric, a) };
    const found = targetProblems(metric, bounds);
    setProblems(found);
    if (found.length > 0) return;
    save.mutate({ metric, site, ...bounds });
  }

  const unitLabel = t(`units.${unit}`);
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <p className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600">
        {t(direction === 'higher' ? 'hints.higher' : 'hints.lower')} {t(`hints.${unit}`)}
      </p>
      {siteChoices ? (
        <div className="space-y-1">
          <label htmlFor={`${id}-site`} className="block text-xs font-medium text-slate-700">
            {t('site')}
          </label>
          <Select id={`${id}-site`} value={site ?? ''} onChange={(e) => setSite(e.target.value)} required>
            {siteChoices.map((s) => (
              <option key={s.code} value={s.code}>
                {s.code} · {s.name}
              </option>
            ))}
          </Select>
        </div>
      ) : null}
      <div className="grid grid-cols-2 gap-3">
        {(['green', 'amber'] as const).map((field) => (
          <Field key={field} id={`${id}-${field}`} label={`${t(field)} (${unitLabel})`} error={problemOf(field)}>
            {(aria) => (
              <Input
                {...aria}
                inputMode="decimal"
                autoComplete="off"
                value={field === 'green' ? green : amber}
                onChange={(e) => (field === 'green' ? setGreen : setAmber)(e.target.value)}
                required
              />
            )}
          </Field>
        ))}
      </div>
      {save.isError ? <FormError>{serverMessageOf(save.error) ?? tCommon('saveFailed')}</FormError> : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          {tCommon('cancel')}
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? tCommon('saving') : tCommon('save')}
        </Button>
      </div>
    </form>
  );
}
