'use client';
// Completion as a bar, with a tick where the site should be by now (the elapsed share of the
// window), so "behind" reads at a glance without a second number.
import { useFormatter, useTranslations } from 'next-intl';
import { cn } from '@/components/ui/cn';
import type { PaceStatus } from '@/lib/kpi/definitions';

const fills: Record<PaceStatus | 'none', string> = {
  on_track: 'bg-emerald-500',
  at_risk: 'bg-amber-500',
  behind: 'bg-red-500',
  none: 'bg-brand-500',
};

type Props = {
  completion: number | null;
  /** Share of the window elapsed, 0–1: where the bar should have reached. */
  expected?: number | null;
  status?: PaceStatus | null;
  label: string;
  size?: 'sm' | 'md';
  className?: string;
};

export function CompletionBar({ completion, expected, status, label, size = 'md', className }: Props) {
  const format = useFormatter();
  const t = useTranslations('missions');
  const value = completion ?? 0;
  const shown = completion === null ? '—' : format.number(completion, { style: 'percent', maximumFractionDigits: 0 });
  const valueText =
    expected !== undefined && expected !== null
      ? t('bar.valueWithExpected', { value: shown, expected: format.number(expected, { style: 'percent', maximumFractionDigits: 0 }) })
      : shown;
  return (
    <div className={cn('flex items-center gap-2', className)}>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(Math.min(value, 1) * 100)}
        aria-valuetext={valueText}
        className={cn('relative flex-1 overflow-hidden rounded-full bg-slate-200', size === 'sm' ? 'h-1.5 min-w-16' : 'h-2.5 min-w-24')}
      >
        <div className={cn('h-full rounded-full', fills[status ?? 'none'])} style={{ width: `${Math.min(value, 1) * 100}%` }} />
        {expected !== undefined && expected !== null && expected > 0 && expected < 1 ? (
          <div aria-hidden="true" className="absolute inset-y-0 w-0.5 bg-slate-700" style={{ left: `${expected * 100}%` }} />
        ) : null}
      </div>
      <span className={cn('shrink-0 text-right tabular-nums', size === 'sm' ? 'w-10 text-xs text-slate-600' : 'w-12 text-sm font-medium text-slate-800')}>
        {shown}
      </span>
    </div>
  );
}
