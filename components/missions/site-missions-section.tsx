'use client';
// The missions section of a site's page: every mission that gives this site a target, with the
// site's own completion, pace and standing.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { formatDay } from '@/components/kpi/kpi-format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { CompletionBar } from './completion-bar';
import { MissionStatusBadge } from './mission-status';
import { elapsedShare } from '@/lib/kpi/definitions';

const PHASE_ORDER = { active: 0, upcoming: 1, ended: 2 } as const;

/** Takes the site page's section props; only the site's code matters here (missions have their own windows). */
export function SiteMissionsSection({ site: { code: siteCode } }: { site: { code: string } }) {
  const t = useTranslations('missions');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const missions = useQuery(trpc.missions.forSite.queryOptions({ site: siteCode }));
  const rows = [...(missions.data ?? [])].sort((a, b) => PHASE_ORDER[a.site.phase] - PHASE_ORDER[b.site.phase]);
  const pct = (value: number | null) => (value === null ? '—' : format.number(value, { style: 'percent', maximumFractionDigits: 0 }));

  return (
    <Card labelledBy="site-missions-title">
      <CardHeader id="site-missions-title" title={t('site.title')} description={t('site.description')} />
      {missions.isPending ? (
        <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
          {tCommon('loading')}
        </p>
      ) : missions.isError ? (
        <ErrorState title={t('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void missions.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={t('site.empty')} />
      ) : (
        <Table caption={t('site.caption', { code: siteCode })}>
          <THead>
            <tr>
              <TH>{t('columns.mission')}</TH>
              <TH>{t('columns.window')}</TH>
              <TH numeric>{t('columns.target')}</TH>
              <TH numeric>{t('columns.achieved')}</TH>
              <TH className="min-w-44">{t('columns.completion')}</TH>
              <TH numeric>{t('columns.pace')}</TH>
              <TH numeric>{t('columns.projection')}</TH>
              <TH>{t('columns.status')}</TH>
            </tr>
          </THead>
          <TBody>
            {rows.map(({ code, name, startsOn, endsOn, site }) => (
              <TR key={code}>
                <TD>
                  <Link prefetch={false} href={`/missions/${encodeURIComponent(code)}`} className="font-medium text-brand-700 hover:underline">
                    {name}
                  </Link>
                </TD>
                <TD className="whitespace-nowrap text-slate-700">
                  {formatDay(startsOn, locale)} – {formatDay(endsOn, locale)}
                </TD>
                <TD numeric>{format.number(site.target)}</TD>
                <TD numeric>{format.number(site.achieved)}</TD>
                <TD>
                  <CompletionBar
                    size="sm"
                    completion={site.completion}
                    expected={site.phase === 'active' ? elapsedShare({ elapsedDays: site.workingDaysElapsed, windowDays: site.workingDays }) : null}
                    status={site.phase === 'upcoming' ? null : site.status}
                    label={t('bar.siteLabel', { name, code: site.code })}
                  />
                </TD>
                <TD numeric>{pct(site.pace)}</TD>
                <TD numeric>{site.projection === null ? '—' : format.number(Math.round(site.projection))}</TD>
                <TD>
                  <MissionStatusBadge phase={site.phase} status={site.status} completion={site.completion} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
