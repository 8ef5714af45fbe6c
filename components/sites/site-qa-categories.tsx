'use client';
// QA by category (language, culture, compliance, resolution, soft skills): where the site's
// quality is won or lost, against the network.
import { useLocale, useTranslations } from 'next-intl';
import { CategoryBars } from '@/components/charts/category-bars';
import { NETWORK_COLOR } from '@/components/charts/palette';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import type { CategoryScore } from '@/server/kpi/site-breakdowns';
import type { SiteSectionProps } from './site-sections';
import { useSiteQaCategories } from './site-data';
import { numberFormat } from '@/lib/intl/formatters';

const CATEGORIES: CategoryScore['category'][] = ['language', 'culture', 'compliance', 'resolution', 'soft_skills'];

export function SiteQaCategories({ site, range }: SiteSectionProps) {
  const t = useTranslations('sitePage.qa');
  const tKpi = useTranslations('kpi');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const { categories, network, isPending, isError, data, refetch } = useSiteQaCategories(site, range);
  const percent = (value: number) => numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
  const byCategory = new Map(categories?.map((c) => [c.category, c]));
  const networkBy = new Map(network?.map((c) => [c.category, c]));
  const shown = CATEGORIES.filter((c) => byCategory.has(c) || networkBy.has(c));

  return (
    <Card labelledBy="site-qa-title">
      <CardHeader id="site-qa-title" title={t('title')} description={t('description')} />
      <CardBody>
        {isError && !data ? (
          <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void refetch()} />
        ) : isPending ? (
          <div aria-busy="true" className="h-48 animate-pulse rounded bg-slate-100">
            <span className="sr-only">{tCommon('loading')}</span>
          </div>
        ) : !categories || categories.length === 0 ? (
          <EmptyState title={t('empty')} />
        ) : (
          <div className="grid gap-6 lg:grid-cols-5">
            <div className="lg:col-span-3">
              <CategoryBars
                label={t('chartLabel', { code: site.code })}
                formatValue={percent}
                rows={shown.map((c) => ({
                  key: c,
                  label: t(`categories.${c}`),
                  values: { site: byCategory.get(c)?.meanPercent ?? null, ...(network ? { network: networkBy.get(c)?.meanPercent ?? null } : {}) },
                }))}
                series={[{ key: 'site', label: site.code, color: '#0072B2' }, ...(network ? [{ key: 'network', label: tKpi('network'), color: NETWORK_COLOR }] : [])]}
              />
            </div>
            <table className="text-sm lg:col-span-2">
              <caption className="sr-only">{t('caption')}</caption>
              <thead className="border-b border-slate-200 text-xs text-slate-600">
                <tr>
                  <th scope="col" className="py-1.5 pr-2 text-left font-semibold">
                    {t('category')}
                  </th>
                  <th scope="col" className="py-1.5 pr-2 text-right font-semibold">
                    {t('site', { code: site.code })}
                  </th>
                  {network ? (
                    <th scope="col" className="py-1.5 pr-2 text-right font-semibold">
                      {tKpi('network')}
                    </th>
                  ) : null}
                  <th scope="col" className="py-1.5 text-right font-semibold">
                    {t('evaluations')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {shown.map((c) => {
                  const own = byCategory.get(c);
                  const net = networkBy.get(c);
                  const gap = own?.meanPercent != null && net?.meanPercent != null ? own.meanPercent - net.meanPercent : null;
                  return (
                    <tr key={c}>
                      <th scope="row" className="py-1.5 pr-2 text-left font-medium text-slate-800">
                        {t(`categories.${c}`)}
                      </th>
                      <td className="py-1.5 pr-2 text-right tabular-nums">
                        {own?.meanPercent != null ? `${percent(own.meanPercent)} %` : '—'}
                        {gap !== null && Math.abs(gap) >= 0.05 ? (
                          <span className={gap < 0 ? 'ml-1 text-[11px] text-red-700' : 'ml-1 text-[11px] text-emerald-700'}>
                            ({gap > 0 ? '+' : ''}
                            {percent(gap)})
                          </span>
                        ) : null}
                      </td>
                      {network ? <td className="py-1.5 pr-2 text-right text-slate-600 tabular-nums">{net?.meanPercent != null ? `${percent(net.meanPercent)} %` : '—'}</td> : null}
                      <td className="py-1.5 text-right text-slate-600 tabular-nums">{own ? numberFormat(locale).format(own.evaluations) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
