'use client';
// QA over time, week by week: the score of each shown site (the network dashed), and the
// criterion scores by category (language, culture, …) pooled over the same sites.
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { NETWORK_COLOR, siteColor } from '@/components/charts/palette';
import { TrendLineChart } from '@/components/charts/trend-line-chart';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { CATEGORY_COLORS } from './category-colors';
import { formatScore, scoreAxisFloor } from './qa-format';

type Props = { from: string; to: string; site?: string };

export function QaTrendsCard({ from, to, site }: Props) {
  const t = useTranslations('qa.trends');
  const tCategory = useTranslations('qa.categories');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const trends = useQuery(trpc.qa.trends.queryOptions({ from, to, sites: site ? [site] : undefined }));
  const data = trends.data;
  const formatWeek = (week: string) =>
    t('weekOf', { date: format.dateTime(new Date(`${week}T12:00:00Z`), { day: 'numeric', month: 'short', timeZone: 'UTC' }) });
  const period = {
    from: format.dateTime(new Date(`${from}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }),
    to: format.dateTime(new Date(`${to}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }),
  };
  const empty = data !== undefined && data.sites.every((s) => s.evaluations === 0);
  const allCodes = data?.sites.map((s) => s.code) ?? [];

  return (
    <Card labelledBy="qa-trends-title" className="mb-4">
      <CardHeader id="qa-trends-title" title={t('title')} description={t('description', period)} />
      {trends.isPending ? (
        <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
          {tCommon('loading')}
        </p>
      ) : trends.isError ? (
        <ErrorState title={t('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void trends.refetch()} />
      ) : empty ? (
        <EmptyState title={t('empty')} />
      ) : (
        <CardBody className="grid gap-6 lg:grid-cols-2">
          <div>
            <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">{t('bySite')}</h3>
            <TrendLineChart
              days={data!.weeks}
              label={t('bySiteLabel', period)}
              formatDay={formatWeek}
              formatValue={(v) => formatScore(v, locale)}
              domain={[scoreAxisFloor([...data!.sites.flatMap((s) => s.points.map((p) => p.score)), ...data!.network.map((p) => p.score)]), 100]}
              series={[
                ...data!.sites.map((s) => ({
                  key: s.code,
                  label: `${s.code} · ${s.name}`,
                  color: siteColor(s.code, allCodes),
                  values: s.points.map((p) => p.score),
                })),
                // One site alone is read against the network, dashed.
                ...(data!.sites.length === 1
                  ? [{ key: '__network', label: t('network'), color: NETWORK_COLOR, values: data!.network.map((p) => p.score), dashed: true }]
                  : []),
              ]}
            />
            <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
              {data!.sites.map((s) => (
                <li key={s.code} className="flex items-center gap-1.5">
                  <span aria-hidden="true" className="inline-block size-2.5 rounded-full" style={{ background: siteColor(s.code, allCodes) }} />
                  <span className="font-mono font-semibold">{s.code}</span>
                  <span className="tabular-nums">{formatScore(s.score, locale)}</span>
                  <span className="text-slate-500">({t('evaluations', { count: s.evaluations })})</span>
                </li>
              ))}
              {data!.sites.length === 1 ? (
                <li className="flex items-center gap-1.5">
                  <span aria-hidden="true" className="inline-block w-4 border-t-2 border-dashed" style={{ borderColor: NETWORK_COLOR }} />
                  <span>{t('network')}</span>
                  <span className="tabular-nums">
{formatScore(data!.networkTotal.score, locale)}
                  </span>
                </li>
              ) : null}
            </ul>
          </div>
          <div>
            <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">{t('byCategory')}</h3>
            <TrendLineChart
              days={data!.weeks}
              label={t('byCategoryLabel', period)}
              formatDay={formatWeek}
              formatValue={(v) => formatScore(v, locale)}
              domain={[scoreAxisFloor(data!.categories.flatMap((c) => c.points.map((p) => p.percent))), 100]}
              series={data!.categories.map((c) => ({
                key: c.category,
                label: tCategory(c.category),
                color: CATEGORY_COLORS[c.category],
                values: c.points.map((p) => p.percent),
              }))}
            />
            <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
              {data!.categories.map((c) => (
                <li key={c.category} className="flex items-center gap-1.5">
                  <span aria-hidden="true" className="inline-block size-2.5 rounded-full" style={{ background: CATEGORY_COLORS[c.category] }} />
                  <span>{tCategory(c.category)}</span>
                  <span className="font-semibold tabular-nums">{formatScore(c.percent, locale)}</span>
                </li>
              ))}
            </ul>
          </div>
        </CardBody>
      )}
    </Card>
  );
}
