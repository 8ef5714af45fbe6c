'use client';
// The site's own days for the figures a manager watches first, the network dashed beside it.
import { useLocale, useTranslations } from 'next-intl';
import { NETWORK_COLOR } from '@/components/charts/palette';
import { TrendLineChart } from '@/components/charts/trend-line-chart';
import { useFigureName } from '@/components/kpi/kpi-info';
import { formatDay, formatFigure } from '@/components/kpi/kpi-format';
import { figureValue, type Figure } from '@/components/kpi/metrics';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import type { SiteSectionProps } from './site-sections';
import { useSiteTrend } from './site-data';

const DAILY_FIGURES: Figure[] = ['handled', 'aht', 'service_level', 'csat', 'qa_score'];
const SITE_COLOR = '#0072B2';

export function SiteDailyTrends({ site, range }: SiteSectionProps) {
  const t = useTranslations('sitePage.trends');
  const tKpi = useTranslations('kpi');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const figureName = useFigureName();
  const { series, network, data, isPending, isError, refetch } = useSiteTrend(site, range);
  const hasCalls = series?.points.some((p) => p.handled > 0 || p.qaEvaluations > 0) ?? false;

  return (
    <Card labelledBy="site-trends-title">
      <CardHeader id="site-trends-title" title={t('title')} description={t('description')} />
      <CardBody>
        {isError && !data ? (
          <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void refetch()} />
        ) : isPending ? (
          <div aria-busy="true" className="h-48 animate-pulse rounded bg-slate-100">
            <span className="sr-only">{tCommon('loading')}</span>
          </div>
        ) : !series || !hasCalls || !data ? (
          <EmptyState title={t('empty')} />
        ) : (
          <div className="grid gap-x-6 gap-y-4 md:grid-cols-2 2xl:grid-cols-3">
            {DAILY_FIGURES.map((figure) => (
              <section key={figure} aria-labelledby={`trend-${figure}`}>
                <h3 id={`trend-${figure}`} className="text-xs font-semibold text-slate-700">
                  {figureName(figure)}
                </h3>
                <TrendLineChart
                  height={180}
                  days={data.days}
                  series={[
                    { key: site.code, label: site.code, color: SITE_COLOR, values: series.points.map((p) => figureValue(p, figure)) },
                    ...(network && figure !== 'handled'
                      ? [{ key: '__network', label: tKpi('network'), color: NETWORK_COLOR, values: network.map((p) => figureValue(p, figure)), dashed: true }]
                      : []),
                  ]}
                  formatValue={(v) => formatFigure(figure, v, locale)}
                  formatDay={(d) => formatDay(d, locale)}
                  label={t('chartLabel', { figure: figureName(figure), code: site.code, from: formatDay(range.from, locale), to: formatDay(range.to, locale) })}
                />
              </section>
            ))}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
