'use client';
// The period and buckets of the calibration report, written to the URL.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useState, useTransition, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { checkRange } from '@/lib/kpi/periods';
import { calibrationHref, type CalibrationState } from './calibration-url';

export function CalibrationPeriodForm({ state }: { state: CalibrationState }) {
  const t = useTranslations('qa.calibration.period');
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [invalid, setInvalid] = useState(false);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const from = String(data.get('from') ?? '');
    const to = String(data.get('to') ?? '');
    const checked = checkRange(from, to);
    if (!checked.ok) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    const granularity = data.get('granularity') === 'month' ? 'month' : 'week';
    startTransition(() => router.push(calibrationHref({ ...state, from, to, granularity })));
  }

  return (
    <form onSubmit={apply} aria-label={t('label')} aria-busy={pending} className="flex flex-wrap items-end gap-2">
      <div className="space-y-1">
        <label htmlFor={`${id}-from`} className="block text-xs font-medium text-slate-700">
          {t('from')}
        </label>
        <Input id={`${id}-from`} name="from" type="date" defaultValue={state.from} required aria-invalid={invalid} className="w-40" />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-to`} className="block text-xs font-medium text-slate-700">
          {t('to')}
        </label>
        <Input
          id={`${id}-to`}
          name="to"
          type="date"
          defaultValue={state.to}
          required
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-error` : undefined}
          className="w-40"
        />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-granularity`} className="block text-xs font-medium text-slate-700">
          {t('granularity')}
        </label>
        <Select id={`${id}-granularity`} name="granularity" defaultValue={state.granularity} className="w-32">
          <option value="week">{t('week')}</option>
          <option value="month">{t('month')}</option>
        </Select>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t('apply')}
      </Button>
      {invalid ? (
        <p id={`${id}-error`} role="alert" className="w-full text-xs text-red-700">
          {t('invalid')}
        </p>
      ) : null}
    </form>
  );
}
