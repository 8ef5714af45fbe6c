'use client';
// The site's key figures over the period: value, status against its target (its own override or
// the network default), change against the previous period, the network beside it, and how each
// figure is computed.
import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { ChangeMark } from '@/components/kpi/change-mark';
import { KpiInfo, useFigureName } from '@/components/kpi/kpi-info';
import { formatDay, formatFigure } from '@/components/kpi/kpi-format';
import { FIGURES, figureValue, isRollupMetric, type Figure } from '@/components/kpi/metrics';
import { RagMark } from '@/components/kpi/rag-mark';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardHeader } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import type { TargetBounds } from '@/lib/kpi/definitions';
import type { SiteSectionProps } from './site-sections';
import { useSiteComparison } from './site-data';
import { numberFormat } from '@/lib/intl/formatters';

export function SiteKpiSummary({ site, range }: SiteSectionProps) {
  const t = useTranslations('sitePage.kpis');
  const tKpi = useTranslations('kpi');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const figureName = useFigureName();
  const trpc = useTRPC();
  const targets = useQuery(trpc.kpi.targets.queryOptions());
  const { row, network, data, isPending, isError, refetch } = useSiteComparison(site, range);

  const targetOf = (figure: Figure): TargetBounds | null => {
    if (!isRollupMetric(figure)) return null;
    const own = targets.data?.find((r) => r.metric === figure && r.site === site.code);
    const fallback = targets.data?.find((r) => r.metric === figure && r.site === null);
    const bounds = own ?? fallback;
    return bounds ? { green: bounds.green, amber: bounds.amber } : null;
  };

  return (
    <Card labelledBy="site-kpis-title">
      <CardHeader id="site-kpis-title" title={t('title')} description={t('description')} />
      {isError && !data ? (
        <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void refetch()} />
      ) : (
        <>
          {row && row.parts.calls === 0 ? (
            <p role="status" className="border-b border-slate-100 bg-slate-50 px-4 py-2 text-sm text-slate-600">
              {t('noData')}
            </p>
          ) : null}
          <ul className="grid grid-cols-2 gap-px bg-slate-200 sm:grid-cols-3 xl:grid-cols-9" aria-busy={isPending}>
            {FIGURES.map((figure) => {
              const value = row ? figureValue(row, figure) : null;
              const before = row ? figureValue(row.before, figure) : null;
              const delta = row ? (isRollupMetric(figure) ? row.changes[figure] : value !== null && before !== null ? value - before : null) : null;
              const rag = row && isRollupMetric(figure) ? row.rag[figure] : null;
              const networkValue = network ? figureValue(network, figure) : null;
              return (
                <li key={figure} className="bg-white px-3 py-2.5" data-figure={figure}>
                  <div className="flex items-center justify-between gap-1">
                    <span className="truncate text-xs font-medium text-slate-600" title={figureName(figure)}>
                      {tKpi(`figures.${figure}`)}
                    </span>
                    {row ? (
                      <KpiInfo
                        figure={figure}
                        target={targetOf(figure)}
                        rows={[
                          { key: site.code, label: site.code, value, parts: row.parts, slaSeconds: row.slaSeconds, slExcluded: row.slExcluded },
                          ...(network
                            ? [{ key: 'network', label: tKpi('network'), value: networkValue, parts: network.parts, slaSeconds: null, slExcluded: network.slExcluded }]
                            : []),
                        ]}
                      />
                    ) : null}
                  </div>
                  {isPending && !row ? (
                    <span className="mt-1.5 block h-6 w-16 animate-pulse rounded bg-slate-200" />
                  ) : (
                    <>
                      <p className="mt-0.5 flex items-center gap-1.5">
                        <span className={value === null ? 'text-xl font-semibold text-slate-500' : 'text-xl font-semibold tabular-nums text-slate-900'}>
                          {formatFigure(figure, value, locale)}
                        </span>
                        <RagMark rag={rag} />
                      </p>
                      {figure === 'csat' && row?.csatMean != null ? (
                        <p className="text-[11px] text-slate-500">
                          {tKpi('csatMean', { mean: numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(row.csatMean) })}
                        </p>
                      ) : null}
                      {data ? (
                        <ChangeMark
                          figure={figure}
                          delta={delta}
                          title={tKpi('change.previous', {
                            from: formatDay(data.previous.from, locale),
                            to: formatDay(data.previous.to, locale),
                            value: formatFigure(figure, before, locale),
                          })}
                        />
                      ) : null}
                      {network ? <p className="mt-0.5 text-[11px] text-slate-500">{t('network', { value: formatFigure(figure, networkValue, locale) })}</p> : null}
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Card>
  );
}
