'use client';
// One alert as the history lists it: which rule, where, how bad, when (in the reader's locale and
// time zone), the value against its threshold in the metric's unit over its window, and, in a
// disclosure, the figures and formula behind the value. Props only.
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useEffect, useId, useRef } from 'react';
import type { RouterOutputs } from '@/components/forms/router-types';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { formatCount } from '@/lib/kpi/format';
import { comparisonLabel, formatAlertValue, formatAlertWindow, metricFormula, metricLabel, networkLabel } from '@/lib/alerts/wording';

export type AlertView = RouterOutputs['alerts']['list']['alerts'][number];

export function AlertItem({ alert, focused }: { alert: AlertView; focused: boolean }) {
  const t = useTranslations('alerts');
  const locale = useLocale();
  const format = useFormatter();
  const headingId = useId();
  const ref = useRef<HTMLLIElement>(null);
  // An alert opened from its message's link is brought into view.
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'center' });
  }, [focused]);

  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  const figure = (value: number | null | undefined) => formatAlertValue(alert.metric, value, locale);
  const count = (value: number | null | undefined) => (value === null || value === undefined ? null : formatCount(value, locale));
  const { figures } = alert;
  // In the reader's language, from the metric: the recorded `figures.formula` is the API's English.
  const formula = metricFormula(alert.metric, locale, figures.formula);
  const firing = alert.state === 'firing';
  const rows: [string, string | null][] = [
    [t('history.numerator'), count(figures.numerator)],
    [t('history.denominator'), count(figures.denominator)],
    [t('history.volume'), count(figures.volume)],
    [t('history.from'), figures.from ? when(figures.from) : null],
    [t('history.to'), figures.to ? when(figures.to) : null],
    [t('history.detail'), figures.detail ?? null],
    [t('history.formula'), formula],
  ];

  return (
    <li ref={ref} id={`alert-${alert.id}`} data-alert-id={alert.id} className={cn('px-4 py-3', focused && 'bg-brand-50/60')}>
      <article aria-labelledby={headingId} className="space-y-1.5">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={alert.severity === 'critical' ? 'red' : 'amber'}>{t(`severities.${alert.severity}`)}</Badge>
          <Badge tone={firing ? 'red' : 'green'}>{t(`states.${alert.state}`)}</Badge>
          <h3 id={headingId} className="text-sm font-semibold text-slate-900">
            {alert.rule.name}
            {alert.rule.id === null ? <span className="ml-1 text-xs font-normal text-slate-500">({t('history.ruleDeleted')})</span> : null}
          </h3>
          <span className="text-sm text-slate-600">
            {alert.site ? (
              <>
                <span className="font-mono text-xs font-semibold">{alert.site}</span>
                {alert.siteName ? ` · ${alert.siteName}` : ''}
              </>
            ) : (
              networkLabel(locale)
            )}
            {alert.queue ? ` · ${t('history.queue', { queue: alert.queue })}` : ''}
          </span>
        </div>
        <p className="text-sm text-slate-800">
          <span className="font-medium">{metricLabel(alert.metric, locale)}</span>{' '}
          <span data-alert-value className={cn('tabular-nums', firing && 'font-semibold text-red-700')}>
            {t('history.condition', { value: figure(alert.value), comparison: comparisonLabel(alert.comparison, locale), threshold: figure(alert.threshold) })}
          </span>
          <span className="text-slate-500"> · {t('history.windowLabel', { window: formatAlertWindow(alert.window, locale) })}</span>
          {alert.resolvedValue !== null ? <span className="text-slate-500"> · {t('history.resolvedValue', { value: figure(alert.resolvedValue) })}</span> : null}
        </p>
        <p className="text-xs text-slate-500">
          <time dateTime={alert.firedAt}>{t('history.firedAt', { time: when(alert.firedAt) })}</time>
          {alert.resolvedAt ? (
            <>
              {', '}
              <time dateTime={alert.resolvedAt}>{t('history.resolvedAt', { time: when(alert.resolvedAt) })}</time>
            </>
          ) : null}
        </p>
        <details open={focused} className="text-sm">
          <summary className="cursor-pointer text-xs font-medium text-brand-700">{t('history.details')}</summary>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs">
            {rows
              .filter((row): row is [string, string] => row[1] !== null)
              .map(([label, value]) => (
                <div key={label} className="contents">
                  <dt className="text-slate-500">{label}</dt>
                  <dd className="tabular-nums text-slate-800">{value}</dd>
                </div>
              ))}
          </dl>
        </details>
      </article>
    </li>
  );
}
