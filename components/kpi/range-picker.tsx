'use client';
// The period of a dashboard page: a preset, or custom dates, written to the URL.
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { checkRange, previousRange, RANGE_PRESETS, rangeLength, type RangePreset } from '@/lib/kpi/periods';
import { rangeChanges, type RangeChoice } from './dashboard-state';
import { formatDay } from './kpi-format';
import { useDashboardUrl } from './use-dashboard-url';

export function RangePicker({ defaultPreset }: { defaultPreset: RangePreset }) {
  const t = useTranslations('kpi.range');
  const tToday = useTranslations('today');
  const locale = useLocale();
  const id = useId();
  const { range, navigate, navigating } = useDashboardUrl(defaultPreset);
  const [editing, setEditing] = useState(false);
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [invalid, setInvalid] = useState(false);
  const choice: RangeChoice = editing ? 'custom' : range.choice;
  const previous = previousRange(range);

  function choose(value: RangeChoice) {
    setInvalid(false);
    if (value === 'custom') {
      setFrom(range.from);
      setTo(range.to);
      setEditing(true);
      return;
    }
    setEditing(false);
    navigate(rangeChanges(value));
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    const checked = checkRange(from, to);
    if (!checked.ok) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setEditing(false);
    navigate(rangeChanges('custom', checked.range));
  }

  return (
    <form onSubmit={apply} className="flex flex-wrap items-end gap-2" aria-busy={navigating}>
      <div className="space-y-1">
        <label htmlFor={`${id}-preset`} className="block text-xs font-medium text-slate-700">
          {t('label')}
        </label>
        <Select id={`${id}-preset`} value={choice} onChange={(e) => choose(e.target.value as RangeChoice)} className="w-44">
          {RANGE_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {t(`presets.${preset}`)}
            </option>
          ))}
          <option value="custom">{t('presets.custom')}</option>
        </Select>
      </div>
      {choice === 'custom' ? (
        <>
          <div className="space-y-1">
            <label htmlFor={`${id}-from`} className="block text-xs font-medium text-slate-700">
              {t('from')}
            </label>
            <Input
              id={`${id}-from`}
              type="date"
              value={editing ? from : range.from}
              onChange={(e) => {
                setEditing(true);
                setFrom(e.target.value);
              }}
              aria-invalid={invalid}
              aria-describedby={invalid ? `${id}-error` : undefined}
              className="w-40"
              required
            />
          </div>
          <div className="space-y-1">
            <label htmlFor={`${id}-to`} className="block text-xs font-medium text-slate-700">
              {t('to')}
            </label>
            <Input
              id={`${id}-to`}
              type="date"
              value={editing ? to : range.to}
              onChange={(e) => {
                setEditing(true);
                setTo(e.target.value);
              }}
              aria-invalid={invalid}
              aria-describedby={invalid ? `${id}-error` : undefined}
              className="w-40"
              required
            />
          </div>
          {editing ? (
            <Button type="submit" variant="secondary" disabled={navigating}>
              {t('apply')}
            </Button>
          ) : null}
        </>
      ) : null}
      <p className="basis-full text-xs text-slate-500" aria-live="polite">
        {invalid ? (
          <span id={`${id}-error`} role="alert" className="text-red-700">
            {t('invalid')}
          </span>
        ) : choice === 'today' ? (
          tToday('summary')
        ) : (
          <>
            {t('summary', {
              from: formatDay(range.from, locale, 'medium'),
              to: formatDay(range.to, locale, 'medium'),
              days: rangeLength(range),
              previousFrom: formatDay(previous.from, locale),
              previousTo: formatDay(previous.to, locale),
            })}{' '}
            {t('siteDays')}
          </>
        )}
      </p>
    </form>
  );
}
