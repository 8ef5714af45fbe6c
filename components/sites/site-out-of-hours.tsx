'use client';
// Calls offered while the site's calendar had it closed, counted apart: how much demand reaches a
// site outside the hours it keeps, how it was served, and whether its service level counts it.
import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { formatFigureValue } from '@/lib/kpi/format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardHeader } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import type { SiteSectionProps } from './site-sections';

export function SiteOutOfHours({ site, range }: SiteSectionProps) {
  const t = useTranslations('sitePage.outOfHours');
  const locale = useLocale();
  const trpc = useTRPC();
  const query = useQuery(trpc.kpi.outOfHours.queryOptions({ site: site.code, from: range.from, to: range.to }));

  return (
    <Card labelledBy="site-out-of-hours-title">
      <CardHeader id="site-out-of-hours-title" title={t('title')} description={t('description')} />
      <QueryState query={query}>
        {(data) => (
          <div className="px-4 py-3" data-section="out-of-hours">
            {data.offered === 0 ? (
              <p role="status" className="text-sm text-slate-600">
                {data.alwaysOpen ? t('alwaysOpen') : t('none')}
              </p>
            ) : (
              <dl className="grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-5">
                {(
                  [
                    ['offered', formatFigureValue('count', data.offered, locale)],
                    ['share', formatFigureValue('ratio', data.shareOfOffered, locale)],
                    ['handled', formatFigureValue('count', data.handled, locale)],
                    ['abandoned', formatFigureValue('count', data.abandoned, locale)],
                    ['serviceLevel', formatFigureValue('ratio', data.serviceLevel, locale)],
                  ] as const
                ).map(([key, value]) => (
                  <div key={key}>
                    <dt className="text-xs font-medium text-slate-600">{t(key)}</dt>
                    <dd className="text-lg font-semibold text-slate-900 tabular-nums" data-figure={key}>
                      {value}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
            {data.alwaysOpen ? null : <p className="mt-2 text-xs text-slate-600">{data.excludedFromServiceLevel ? t('excluded') : t('included')}</p>}
          </div>
        )}
      </QueryState>
    </Card>
  );
}
