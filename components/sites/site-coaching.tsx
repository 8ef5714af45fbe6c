'use client';
// The coaching section of a site's page over the page's period: how many outlier flags a session
// covered within 14 days (lib/agents/coaching-metrics.ts), the median time to close, and the open
// and overdue sessions now, with a link to the site's agents.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import type { SiteSectionProps } from './site-sections';

function Tile({ label, value, hint, tone = 'text-slate-900' }: { label: string; value: string; hint?: string; tone?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <p className="text-xs font-medium text-slate-500">{label}</p>
      <p className={`mt-1 text-2xl font-semibold tabular-nums ${tone}`}>{value}</p>
      {hint ? <p className="mt-0.5 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

export function SiteCoaching({ site, range }: Pick<SiteSectionProps, 'site' | 'range'>) {
  const t = useTranslations('coaching.site');
  const format = useFormatter();
  const trpc = useTRPC();
  const summary = useQuery(trpc.coaching.summary.queryOptions({ site: site.code, from: range.from, to: range.to }));
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });

  return (
    <Card labelledBy="site-coaching-title">
      <CardHeader
        id="site-coaching-title"
        title={t('title')}
        description={t('description', { from: day(range.from), to: day(range.to) })}
        actions={
          <Link href={`/sites/${encodeURIComponent(site.code)}/agents`} className="text-sm text-brand-700 underline underline-offset-2">
            {t('agentsLink')}
          </Link>
        }
      />
      <QueryState query={summary} errorTitle={t('loadFailed')}>
        {(data) => {
          const judged = data.coverage.flags - data.coverage.pending;
          return (
            <CardBody className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
              <Tile
                label={t('coverage')}
                value={data.coverage.coverage === null ? '—' : format.number(data.coverage.coverage, { style: 'percent', maximumFractionDigits: 0 })}
                hint={t('coverageHint', { covered: data.coverage.covered, judged, pending: data.coverage.pending })}
              />
              <Tile
                label={t('medianClose')}
                value={data.timeToClose.medianDays === null ? '—' : t('days', { days: format.number(data.timeToClose.medianDays, { maximumFractionDigits: 1 }) })}
                hint={t('closeHint', { count: data.timeToClose.closed })}
              />
              <Tile label={t('open')} value={format.number(data.open)} />
              <Tile label={t('overdue')} value={format.number(data.overdue)} tone={data.overdue > 0 ? 'text-red-700' : 'text-slate-900'} />
            </CardBody>
          );
        }}
      </QueryState>
    </Card>
  );
}
