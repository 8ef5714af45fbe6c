'use client';
// The overview on "Today": each site on its own local day so far with the change against the same
// weekday last week at the same local time, calls waiting and the longest wait now; the network
// as the last row. A row opens the site's today.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { ChangeMark } from '@/components/kpi/change-mark';
import { SkeletonRows } from './comparison-table';
import { siteTodayHref } from '@/components/kpi/dashboard-state';
import { formatDay, formatFigure } from '@/components/kpi/kpi-format';
import { figureValue, isRollupMetric, type Figure } from '@/components/kpi/metrics';
import { QueueNowFigure } from '@/components/kpi/queue-now';
import { RagMark } from '@/components/kpi/rag-mark';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { CalendarTodayBadge } from '@/components/sites/calendar-today-badge';
import type { Today, TodayNetwork, TodaySite } from '@/server/kpi/today';

/** Figures of a day so far: QA and FCR/CSAT come later in the day than calls, and are left to the daily views. */
export const TODAY_FIGURES: readonly Figure[] = ['offered', 'handled', 'service_level', 'abandon_rate', 'aht', 'asa'];

function TodayFigureCell({ figure, row, lastWeek }: { figure: Figure; row: TodaySite | TodayNetwork; lastWeek: string }) {
  const locale = useLocale();
  const value = figureValue(row, figure);
  const before = figureValue(row.before, figure);
  const delta = isRollupMetric(figure) ? row.changes[figure] : value !== null && before !== null ? value - before : null;
  return (
    <TD numeric className="py-1.5 whitespace-nowrap">
      <span className="inline-flex items-center justify-end gap-1">
        <span className={cn('font-medium', value === null && 'text-slate-500')}>{formatFigure(figure, value, locale)}</span>
        {isRollupMetric(figure) ? <RagMark rag={row.rag[figure]} /> : null}
      </span>
      <span className="block">
        <ChangeMark figure={figure} delta={delta} title={`${lastWeek}: ${formatFigure(figure, before, locale)}`} />
      </span>
    </TD>
  );
}

type Props = { data: Today | undefined; isPending: boolean; isError: boolean; onRetry: () => void; isSiteLead: boolean; networkLabel: string };

export function TodayTable({ data, isPending, isError, onRetry, isSiteLead, networkLabel }: Props) {
  const t = useTranslations('today.table');
  const tKpi = useTranslations('kpi');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const router = useRouter();
  const columns = 2 + TODAY_FIGURES.length + 2;
  const noCalls = data !== undefined && data.sites.every((s) => s.parts.calls === 0);
  const lastWeekOf = (row: TodaySite) => t('lastWeek', { day: formatDay(row.lastWeekDay, locale), time: row.localTime });

  return (
    <Card labelledBy="today-title">
      <CardHeader id="today-title" title={t('title')} description={t('description')} />
      {isError && !data ? (
        <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={onRetry} />
      ) : data && data.sites.length === 0 ? (
        <EmptyState title={t('empty')} />
      ) : (
        <>
          {noCalls ? (
            <p role="status" className="border-b border-slate-100 bg-slate-50 px-4 py-2 text-sm text-slate-600">
              {t('noData')}
            </p>
          ) : null}
          <Table caption={t('caption')}>
            <THead>
              <tr>
                <TH>{t('site')}</TH>
                <TH>{t('localTime')}</TH>
                {TODAY_FIGURES.map((figure) => (
                  <TH key={figure} numeric>
                    {tKpi(`figures.${figure}`)}
                  </TH>
                ))}
                <TH numeric>{t('waiting')}</TH>
                <TH numeric>{t('longestWait')}</TH>
              </tr>
            </THead>
            <TBody>
              {isPending && !data ? (
                <SkeletonRows columns={columns} />
              ) : (
                data!.sites.map((site) => {
                  const href = siteTodayHref(site.code);
                  return (
                    <TR
                      key={site.code}
                      className="cursor-pointer"
                      data-site={site.code}
                      onClick={(event) => {
                        if ((event.target as HTMLElement).closest('a, button')) return;
                        router.push(href);
                      }}
                    >
                      <th scope="row" className="px-3 py-1.5 text-left font-normal whitespace-nowrap">
                        <Link href={href} prefetch={false} className="rounded font-mono text-xs font-semibold text-brand-700 hover:underline" aria-label={`${site.code} · ${site.name}`}>
                          {site.code}
                        </Link>
                        <span className="block max-w-28 truncate text-xs text-slate-600" title={site.name}>
                          {site.name}
                        </span>
                        <CalendarTodayBadge today={site.calendarToday} />
                      </th>
                      <TD className="text-xs whitespace-nowrap text-slate-700">
                        <span className="tabular-nums">{site.localTime}</span>
                        <span className="block text-[11px] text-slate-500">{formatDay(site.localDay, locale)}</span>
                      </TD>
                      {TODAY_FIGURES.map((figure) => (
                        <TodayFigureCell key={figure} figure={figure} row={site} lastWeek={lastWeekOf(site)} />
                      ))}
                      <TD numeric className="py-1.5">
                        <QueueNowFigure queueNow={site.queueNow} figure="waiting" />
                      </TD>
                      <TD numeric className="py-1.5">
                        <QueueNowFigure queueNow={site.queueNow} figure="longestWait" />
                      </TD>
                    </TR>
                  );
                })
              )}
            </TBody>
            {data ? (
              <tfoot className="border-t-2 border-slate-300 bg-slate-50">
                <tr data-site="network">
                  <th scope="row" className="px-3 py-1.5 text-left whitespace-nowrap">
                    <span className="text-xs font-semibold text-slate-900">{networkLabel}</span>
                    {!isSiteLead ? <span className="block text-xs font-normal text-slate-500">{tKpi('networkSites', { count: data.network.siteCount })}</span> : null}
                  </th>
                  <TD className="text-slate-500">
                    <span aria-hidden="true">—</span>
                  </TD>
                  {TODAY_FIGURES.map((figure) => (
                    <TodayFigureCell key={figure} figure={figure} row={data.network} lastWeek={t('networkLastWeek')} />
                  ))}
                  <TD className="text-slate-500" />
                  <TD className="text-slate-500" />
                </tr>
              </tfoot>
            ) : null}
          </Table>
        </>
      )}
    </Card>
  );
}
