'use client';
// The month a statement page shows: the previous and next months as links, and a month field that
// goes to the month typed. The month lives in the address (?month=YYYY-MM), so a statement can be
// bookmarked and shared.
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useId } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { controlClasses } from '@/components/ui/input';
import { cn } from '@/components/ui/cn';
import { isMonth, shiftMonth } from './month';
import { formatMonth } from './wording';

export function MonthPicker({ month, latest }: { month: string; /** No link beyond this month. */ latest?: string }) {
  const t = useTranslations('contracts.monthPicker');
  const locale = useLocale();
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const hrefOf = (m: string) => {
    const next = new URLSearchParams(params.toString());
    next.set('month', m);
    return `${pathname}?${next.toString()}`;
  };
  const previous = shiftMonth(month, -1);
  const following = shiftMonth(month, 1);
  return (
    <div role="group" aria-label={t('label')} className="flex flex-wrap items-end gap-2">
      <Link prefetch={false} href={hrefOf(previous)} className={buttonClasses('secondary', 'md')} aria-label={`${t('previous')}: ${formatMonth(previous, locale)}`}>
        ‹
      </Link>
      <div className="space-y-1">
        <label htmlFor={id} className="block text-xs font-medium text-slate-700">
          {t('label')}
        </label>
        <input
          id={id}
          type="month"
          className={cn(controlClasses, 'h-9 w-44')}
          value={month}
          max={latest}
          onChange={(e) => {
            if (isMonth(e.target.value) && e.target.value !== month) router.push(hrefOf(e.target.value));
          }}
        />
      </div>
      {latest === undefined || following <= latest ? (
        <Link prefetch={false} href={hrefOf(following)} className={buttonClasses('secondary', 'md')} aria-label={`${t('next')}: ${formatMonth(following, locale)}`}>
          ›
        </Link>
      ) : null}
      <span className="pb-2 text-sm font-medium text-slate-700">{formatMonth(month, locale)}</span>
    </div>
  );
}
