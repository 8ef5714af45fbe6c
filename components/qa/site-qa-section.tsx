'use client';
// The QA section of a site's page: the site's weekly QA score against the network, its criterion
// scores by category, and how far its self-scores sit from HQ's blind re-scores (calibration).
// It covers the twelve weeks that end on the page's last day, whatever the page's period: QA is
// sampled, and a shorter window holds too few evaluations and re-scores to read.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useFormatter, useLocale, useTimeZone, useTranslations } from 'next-intl';
import { CalibrationTrendChart } from '@/components/charts/calibration-trend-chart';
import { NETWORK_COLOR, SITE_COLORS } from '@/components/charts/palette';
import { TrendLineChart } from '@/components/charts/trend-line-chart';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { shiftDay } from '@/lib/kpi/periods';
import { CATEGORY_COLORS } from './category-colors';
import { formatGap, formatScore, scoreAxisFloor } from './qa-format';
import { trendRange } from './qa-url';

/** The site page's section props (components/sites/site-sections.tsx), as far as this section needs them. */
type Props = {
  site: { code: string };
  /** The page's period (site-local days); the section ends on its last day. */
  range?: { from: string; to: string };
};

const WEEKS = 12;

export function SiteQaSection({ site: { code: siteCode }, range: pageRange }: Props) {
  const t = useTranslations('qa.site');
  const tCategory = useTranslations('qa.categories');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const locale = useLocale();
  const timeZone = useTimeZone() ?? 'UTC';
  const trpc = useTRPC();
  const end = pageRange?.to ?? trendRange({}, new Date(), timeZone).to;
  const range = { from: shiftDay(end, -(WEEKS * 7 - 1)), to: end };
  const trends = useQuery(trpc.qa.trends.queryOptions({ ...range, sites: [siteCode] }));
  const calibration = useQuery(trpc.qa.calibrationSummary.queryOptions({ ...range, sites: [siteCode], granularity: 'month' }));
  const site = trends.data?.sites[0];
  const gap = calibration.data?.sites[0];
  const threshold = calibration.data?.threshold ?? 5;
  const period = {
    from: format.dateTime(new Date(`${range.from}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }),
    to: format.dateTime(new Date(`${range.to}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }),
  };
  const formatWeek = (week: string) => format.dateTime(new Date(`${week}T12:00:00Z`), { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const formatMonth = (month: string) => format.dateTime(new Date(`${month}T12:00:00Z`), { month: 'short', year: 'numeric', timeZone: 'UTC' });

  const body = () => {
    if (trends.isPending || calibration.isPending) {
      return (
        <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
          {tCommon('loading')}
        </p>
      );
    }
    if (trends.isError || calibration.isError) {
      return (
        <ErrorState
          title={t('loadFailed')}
          retryLabel={tCommon('retry')}
          onRetry={() => {
            void trends.refetch();
            void calibration.refetch();
          }}
        />
      );
    }
    if (!site || site.evaluations === 0) return <EmptyState title={t('empty')} description={t('emptyHint', period)} />;
    const weeklyScores = [...site.points.map((p) => p.score), ...trends.data!.network.map((p) => p.score)];
    const biasTone = (bias: number | null) => (bias !== null && Math.abs(bias) > threshold ? 'text-red-700' : 'text-slate-900');
    return (
      <CardBody className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-2">
          <div>
            <div className="mb-2 flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
              <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{t('score')}</h3>
              <span className="text-lg font-semibold tabular-nums">{formatScore(site.score, locale)}</span>
              <span className="text-xs text-slate-500">{t('evaluations', { count: site.evaluations })}</span>
            </div>
            <TrendLineChart
              days={trends.data!.weeks}
              label={t('trendLabel', { code: siteCode, ...period })}
              formatDay={formatWeek}
              formatValue={(v) => formatScore(v, locale)}
              domain={[scoreAxisFloor(weeklyScores), 100]}
              height={200}
              series={[
                { key: siteCode, label: siteCode, color: SITE_COLORS[0]!, values: site.points.map((p) => p.score) },
                { key: '__network', label: t('network'), color: NETWORK_COLOR, values: trends.data!.network.map((p) => p.score), dashed: true },
              ]}
            />
            <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
              <li className="flex items-center gap-1.5">
                <span aria-hidden="true" className="inline-block w-4 border-t-2" style={{ borderColor: SITE_COLORS[0] }} />
                <span className="font-mono font-semibold">{siteCode}</span>
                <span className="font-semibold tabular-nums">{formatScore(site.score, locale)}</span>
              </li>
              <li className="flex items-center gap-1.5">
                <span aria-hidden="true" className="inline-block w-4 border-t-2 border-dashed" style={{ borderColor: NETWORK_COLOR }} />
                <span>{t('network')}</span>
                <span className="font-semibold tabular-nums">{formatScore(trends.data!.networkTotal.score, locale)}</span>
              </li>
            </ul>
          </div>
          <div>
            <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">{t('categories')}</h3>
            <TrendLineChart
              days={trends.data!.weeks}
              label={t('categoriesLabel', { code: siteCode, ...period })}
              formatDay={formatWeek}
              formatValue={(v) => formatScore(v, locale)}
              domain={[scoreAxisFloor(trends.data!.categories.flatMap((c) => c.points.map((p) => p.percent))), 100]}
              height={200}
              series={trends.data!.categories.map((c) => ({
                key: c.category,
                label: tCategory(c.category),
                color: CATEGORY_COLORS[c.category],
                values: c.points.map((p) => p.percent),
              }))}
            />
            <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
              {trends.data!.categories.map((c) => (
                <li key={c.category} className="flex items-center gap-1.5">
                  <span aria-hidden="true" className="inline-block size-2.5 rounded-full" style={{ background: CATEGORY_COLORS[c.category] }} />
                  <span>{tCategory(c.category)}</span>
                  <span className="font-semibold tabular-nums">{formatScore(c.percent, locale)}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
        <div className="border-t border-slate-100 pt-4">
          <div className="mb-2 flex flex-wrap items-center gap-x-6 gap-y-1 text-sm">
            <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{t('calibration')}</h3>
            <span>
              <span className="text-xs text-slate-500">{t('bias')} </span>
              <span className={cn('font-semibold tabular-nums', biasTone(gap?.bias ?? null))}>{formatGap(gap?.bias, locale)}</span>
            </span>
            <span>
              <span className="text-xs text-slate-500">{t('spread')} </span>
              <span className="font-semibold tabular-nums">{formatScore(gap?.spread, locale)}</span>
            </span>
            <span className="text-xs text-slate-500">{t('pairs', { count: gap?.pairs ?? 0 })}</span>
            {gap?.flag === 'inflated' ? (
              <Badge tone="red">{t('inflated', { threshold })}</Badge>
            ) : gap?.flag === 'harsh' ? (
              <Badge tone="amber">{t('harsh', { threshold })}</Badge>
            ) : null}
          </div>
          {gap && gap.pairs > 0 ? (
            <div className="grid gap-6 lg:grid-cols-3">
              <div className="lg:col-span-2">
                <CalibrationTrendChart
                  label={t('calibrationLabel', { code: siteCode, ...period })}
                  periods={calibration.data!.periods}
                  threshold={threshold}
                  formatValue={(v) => formatGap(v, locale)}
                  formatPeriod={formatMonth}
                  height={170}
                  series={[
                    {
                      key: siteCode,
                      label: siteCode,
                      color: SITE_COLORS[0]!,
                      values: gap.periods.map((p) => p.bias),
                      notes: gap.periods.map((p) => t('pairs', { count: p.pairs })),
                    },
                    {
                      key: '__network',
                      label: t('network'),
                      color: NETWORK_COLOR,
                      values: calibration.data!.network.periods.map((p) => p.bias),
                      dashed: true,
                    },
                  ]}
                />
              </div>
              <div>
                <table className="w-full text-sm">
                  <caption className="mb-1 text-left text-xs font-medium text-slate-600">{t('biasByCategory')}</caption>
                  <thead className="text-[11px] text-slate-500">
                    <tr>
                      <th scope="col" className="py-1 text-left font-medium">
                        {t('category')}
                      </th>
                      <th scope="col" className="py-1 text-right font-medium">
                        {t('bias')}
                      </th>
                      <th scope="col" className="py-1 text-right font-medium">
                        {t('spread')}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {gap.categories.map((c) => (
                      <tr key={c.category}>
                        <th scope="row" className="py-1 text-left font-normal text-slate-700">
                          {tCategory(c.category)}
                        </th>
                        <td className={cn('py-1 text-right font-semibold tabular-nums', biasTone(c.bias))}>{formatGap(c.bias, locale)}</td>
                        <td className="py-1 pl-3 text-right text-slate-600 tabular-nums">{formatScore(c.spread, locale)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          ) : (
            <p className="text-sm text-slate-500">{t('noPairs')}</p>
          )}
          <p className="mt-2 text-xs text-slate-500">{t('calibrationHint')}</p>
        </div>
      </CardBody>
    );
  };

  return (
    <Card labelledBy="site-quality-title">
      <CardHeader
        id="site-quality-title"
        title={t('title')}
        description={t('description', period)}
        actions={
          <Link prefetch={false} href={`/qa?site=${encodeURIComponent(siteCode)}`} className={buttonClasses('ghost', 'sm')}>
            {t('allEvaluations')}
          </Link>
        }
      />
      {body()}
    </Card>
  );
}
