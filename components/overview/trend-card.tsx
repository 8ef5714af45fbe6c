'use client';
// Daily trend of one figure, one line per site and the network dashed. The legend lists the sites
// as links (the keyboard way to drill down); the figures are also available as a table.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useId } from 'react';
import { NETWORK_COLOR, siteColor } from '@/components/charts/palette';
import { TrendLineChart, type TrendSeries } from '@/components/charts/trend-line-chart';
import { siteHref } from '@/components/kpi/dashboard-state';
import { useFigureName } from '@/components/kpi/kpi-info';
import { formatDay, formatFigure } from '@/components/kpi/kpi-format';
import { FIGURES, figureUnit, figureValue, type Figure } from '@/components/kpi/metrics';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Select } from '@/components/ui/select';
import type { DateRange } from '@/lib/kpi/periods';
import type { Trend } from '@/server/kpi/trend';

type Props = {
  data: Trend | undefined;
  isPending: boolean;
  isError: boolean;
  onRetry: () => void;
  figure: Figure;
  onFigure: (figure: Figure) => void;
  range: DateRange;
  allCodes: string[];
  networkLabel: string;
};

export function TrendCard({ data, isPending, isError, onRetry, figure, onFigure, range, allCodes, networkLabel }: Props) {
  const t = useTranslations('overview.trend');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const figureName = useFigureName();
  const router = useRouter();
  const selectId = useId();

  const series: TrendSeries[] = data
    ? [
        ...data.sites.map((s) => ({ key: s.code, label: s.code, color: siteColor(s.code, allCodes), values: s.points.map((p) => figureValue(p, figure)) })),
        { key: '__network', label: networkLabel, color: NETWORK_COLOR, values: data.network.map((p) => figureValue(p, figure)), dashed: true },
      ]
    : [];
  const hasValues = series.some((s) => s.values.some((v) => v !== null && (figureUnit(figure) !== 'count' || v > 0)));

  return (
    <Card labelledBy="trend-title">
      <CardHeader
        id="trend-title"
        title={t('title')}
        description={t('description')}
        actions={
          <div className="flex items-center gap-2">
            <label htmlFor={selectId} className="text-xs font-medium text-slate-700">
              {t('metric')}
            </label>
            <Select id={selectId} value={figure} onChange={(e) => onFigure(e.target.value as Figure)} className="h-8 w-52">
              {FIGURES.map((f) => (
                <option key={f} value={f}>
                  {figureName(f)}
                </option>
              ))}
            </Select>
          </div>
        }
      />
      <CardBody>
        {isError && !data ? (
          <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={onRetry} />
        ) : isPending && !data ? (
          <div aria-busy="true" className="h-[260px] animate-pulse rounded bg-slate-100">
            <span className="sr-only">{tCommon('loading')}</span>
          </div>
        ) : !data || !hasValues ? (
          <EmptyState title={t('empty')} />
        ) : (
          <>
            <TrendLineChart
              days={data.days}
              series={series}
              formatValue={(v) => formatFigure(figure, v, locale)}
              formatDay={(d) => formatDay(d, locale)}
              label={t('chartLabel', { figure: figureName(figure), from: formatDay(range.from, locale), to: formatDay(range.to, locale) })}
              domain={figureUnit(figure) === 'ratio' ? ['auto', 'auto'] : undefined}
              onSelect={(code) => router.push(siteHref(code, range))}
            />
            <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label={t('title')}>
              {series.map((s) => (
                <li key={s.key} className="flex items-center gap-1.5">
                  <svg aria-hidden="true" width="18" height="8">
                    <line x1="0" y1="4" x2="18" y2="4" stroke={s.color} strokeWidth={s.dashed ? 2.5 : 2} strokeDasharray={s.dashed ? '5 3' : undefined} />
                  </svg>
                  {s.dashed ? (
                    <span className="text-slate-700">{s.label}</span>
                  ) : (
                    <Link prefetch={false} href={siteHref(s.key, range)} className="rounded font-mono font-semibold text-brand-700 hover:underline">
                      {s.label}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
            <details className="mt-3 text-xs">
              <summary className="cursor-pointer rounded text-slate-600 hover:text-slate-900">{t('showData')}</summary>
              <div className="relative mt-2 max-h-72 overflow-auto">
                <table className="min-w-full text-xs">
                  <caption className="sr-only">{t('chartLabel', { figure: figureName(figure), from: formatDay(range.from, locale), to: formatDay(range.to, locale) })}</caption>
                  <thead className="sticky top-0 bg-slate-50">
                    <tr>
                      <th scope="col" className="px-2 py-1 text-left">
                        {t('day')}
                      </th>
                      {series.map((s) => (
                        <th key={s.key} scope="col" className="px-2 py-1 text-right">
                          {s.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {data.days.map((day, i) => (
                      <tr key={day}>
                        <th scope="row" className="px-2 py-1 text-left font-normal whitespace-nowrap">
                          {formatDay(day, locale, 'medium')}
                        </th>
                        {series.map((s) => (
                          <td key={s.key} className="px-2 py-1 text-right tabular-nums">
                            {formatFigure(figure, s.values[i] ?? null, locale)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </>
        )}
      </CardBody>
    </Card>
  );
}
