'use client';
// A site page on "Today": the site's local day so far against the same weekday last week at the
// same local time, its 15-minute intervals (calls offered, service level against the target), and
// its queues now (calls waiting, longest wait, agents by state; a stale status shown as stale).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { IntradayChart, INTRADAY_COLORS } from '@/components/charts/intraday-chart';
import { ChangeMark } from '@/components/kpi/change-mark';
import { formatDay, formatDuration, formatFigure } from '@/components/kpi/kpi-format';
import { figureValue, isRollupMetric } from '@/components/kpi/metrics';
import { StaleBadge } from '@/components/kpi/queue-now';
import { RagMark } from '@/components/kpi/rag-mark';
import { TODAY_FIGURES } from '@/components/overview/today-table';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { QueueNow } from '@/server/kpi/today';
import type { SiteSectionProps } from './site-sections';
import { numberFormat } from '@/lib/intl/formatters';

/** The site's today; refreshed each minute while shown (the day moves on), one query for the three cards. */
export function useSiteToday(code: string) {
  const trpc = useTRPC();
  return useQuery(trpc.kpi.siteToday.queryOptions({ code }, { placeholderData: keepPreviousData, refetchInterval: 60_000 }));
}

export function SiteTodaySummary({ site }: SiteSectionProps) {
  const t = useTranslations('today.site');
  const tKpi = useTranslations('kpi');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const today = useSiteToday(site.code);
  const row = today.data?.site;
  return (
    <Card labelledBy="site-today-title">
      <CardHeader
        id="site-today-title"
        title={t('title')}
        description={
          row ? t('description', { day: formatDay(row.localDay, locale, 'medium'), time: row.localTime, lastWeekDay: formatDay(row.lastWeekDay, locale, 'medium') }) : undefined
        }
      />
      {today.isError && !row ? (
        <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void today.refetch()} />
      ) : (
        <ul className="grid grid-cols-2 gap-px bg-slate-200 sm:grid-cols-3 xl:grid-cols-6" aria-busy={today.isPending}>
          {TODAY_FIGURES.map((figure) => {
            const value = row ? figureValue(row, figure) : null;
            const before = row ? figureValue(row.before, figure) : null;
            const delta = row ? (isRollupMetric(figure) ? row.changes[figure] : value !== null && before !== null ? value - before : null) : null;
            return (
              <li key={figure} className="bg-white px-3 py-2.5" data-figure={figure}>
                <span className="text-xs font-medium text-slate-600">{tKpi(`figures.${figure}`)}</span>
                {!row ? (
                  <span className="mt-1.5 block h-6 w-16 animate-pulse rounded bg-slate-200" />
                ) : (
                  <>
                    <p className="mt-0.5 flex items-center gap-1.5">
                      <span className={value === null ? 'text-xl font-semibold text-slate-500' : 'text-xl font-semibold tabular-nums text-slate-900'}>
                        {formatFigure(figure, value, locale)}
                      </span>
                      {isRollupMetric(figure) ? <RagMark rag={row.rag[figure]} /> : null}
                    </p>
                    <ChangeMark figure={figure} delta={delta} />
                    <p className="mt-0.5 text-[11px] text-slate-500">{t('lastWeek', { value: formatFigure(figure, before, locale) })}</p>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

export function SiteTodayIntervals({ site }: SiteSectionProps) {
  const t = useTranslations('today.intervals');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const today = useSiteToday(site.code);
  const data = today.data;
  const ratio = (v: number) => formatFigure('service_level', v, locale);
  const count = (v: number) => formatFigure('offered', v, locale);
  const target = data?.serviceLevelTarget?.green ?? null;
  const label = data ? t('chartLabel', { day: formatDay(data.site.localDay, locale, 'medium') }) : '';
  return (
    <Card labelledBy="site-intervals-title">
      <CardHeader id="site-intervals-title" title={t('title')} description={t('description')} />
      <CardBody>
        {today.isError && !data ? (
          <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void today.refetch()} />
        ) : !data ? (
          <div aria-busy="true" className="h-[280px] animate-pulse rounded bg-slate-100">
            <span className="sr-only">{tCommon('loading')}</span>
          </div>
        ) : data.intervals.length === 0 ? (
          <EmptyState title={t('empty')} />
        ) : (
          <>
            <IntradayChart
              points={data.intervals.map((i) => ({ time: i.localTime, offered: i.offered, lastWeekOffered: i.lastWeekOffered, serviceLevel: i.serviceLevel }))}
              label={label}
              names={{ offered: t('offered'), lastWeekOffered: t('lastWeekOffered'), serviceLevel: t('serviceLevel'), target: target === null ? '' : t('target', { value: ratio(target) }) }}
              formatCount={count}
              formatRatio={ratio}
              target={target}
            />
            <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
              {(['offered', 'lastWeekOffered', 'serviceLevel'] as const).map((key) => (
                <li key={key} className="flex items-center gap-1.5">
                  <svg aria-hidden="true" width="18" height="8">
                    <line x1="0" y1="4" x2="18" y2="4" stroke={INTRADAY_COLORS[key]} strokeWidth={key === 'offered' ? 6 : 2} strokeDasharray={key === 'lastWeekOffered' ? '5 3' : undefined} />
                  </svg>
                  {t(key)}
                </li>
              ))}
              {target !== null ? <li>{t('target', { value: ratio(target) })}</li> : null}
            </ul>
            <details className="mt-3 text-xs">
              <summary className="cursor-pointer rounded text-slate-600 hover:text-slate-900">{t('showData')}</summary>
              <div className="relative mt-2 max-h-72 overflow-auto">
                <table className="min-w-full text-xs">
                  <caption className="sr-only">{label}</caption>
                  <thead className="sticky top-0 bg-slate-50">
                    <tr>
                      <th scope="col" className="px-2 py-1 text-left">
                        {t('interval')}
                      </th>
                      <th scope="col" className="px-2 py-1 text-right">
                        {t('offered')}
                      </th>
                      <th scope="col" className="px-2 py-1 text-right">
                        {t('serviceLevel')}
                      </th>
                      <th scope="col" className="px-2 py-1 text-right">
                        {t('lastWeekOffered')}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {data.intervals.map((i) => (
                      <tr key={i.start}>
                        <th scope="row" className="px-2 py-1 text-left font-normal tabular-nums">
                          {i.localTime}
                        </th>
                        <td className="px-2 py-1 text-right tabular-nums">{i.offered === null ? '' : count(i.offered)}</td>
                        <td className="px-2 py-1 text-right tabular-nums">{i.offered === null ? '' : formatFigure('service_level', i.serviceLevel, locale)}</td>
                        <td className="px-2 py-1 text-right tabular-nums">{count(i.lastWeekOffered)}</td>
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

function NowFigures({ now }: { now: QueueNow }) {
  const t = useTranslations('today.now');
  const locale = useLocale();
  const number = numberFormat(locale);
  const tiles = [
    { key: 'waiting', label: t('waiting'), value: number.format(now.waiting) },
    { key: 'longestWait', label: t('longestWait'), value: formatDuration(now.longestWaitSeconds, locale) },
    { key: 'available', label: t('available'), value: number.format(now.agentsAvailable) },
    { key: 'busy', label: t('busy'), value: number.format(now.agentsBusy) },
    { key: 'wrapUp', label: t('wrapUp'), value: number.format(now.agentsWrapUp) },
    { key: 'away', label: t('away'), value: number.format(now.agentsAway) },
  ];
  return (
    <ul className="grid grid-cols-2 gap-px bg-slate-200 sm:grid-cols-3 xl:grid-cols-6" aria-label={`${t('waiting')}, ${t('agents')}`}>
      {tiles.map((tile) => (
        <li key={tile.key} className="bg-white px-3 py-2.5" data-figure={tile.key}>
          <span className="text-xs font-medium text-slate-600">{tile.label}</span>
          <p className={now.stale ? 'mt-0.5 text-xl font-semibold tabular-nums text-slate-500' : 'mt-0.5 text-xl font-semibold tabular-nums text-slate-900'}>{tile.value}</p>
        </li>
      ))}
    </ul>
  );
}

export function SiteNow({ site }: SiteSectionProps) {
  const t = useTranslations('today.now');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const locale = useLocale();
  const today = useSiteToday(site.code);
  const now = today.data?.site.queueNow;
  return (
    <Card labelledBy="site-now-title">
      <CardHeader
        id="site-now-title"
        title={t('title')}
        description={t('description')}
        actions={now?.stale ? <StaleBadge at={now.at} /> : now && now.staleQueues > 0 ? <span className="text-xs text-amber-800">{t('staleQueues', { count: now.staleQueues })}</span> : null}
      />
      {today.isError && !today.data ? (
        <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void today.refetch()} />
      ) : !today.data ? (
        <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
          {tCommon('loading')}
        </p>
      ) : !now ? (
        <EmptyState title={t('never')} />
      ) : (
        <>
          <NowFigures now={now} />
          <Table caption={t('caption')}>
            <THead>
              <tr>
                <TH>{t('queue')}</TH>
                <TH numeric>{t('waiting')}</TH>
                <TH numeric>{t('longestWait')}</TH>
                <TH numeric>{t('available')}</TH>
                <TH numeric>{t('busy')}</TH>
                <TH numeric>{t('wrapUp')}</TH>
                <TH numeric>{t('away')}</TH>
                <TH>{t('at')}</TH>
              </tr>
            </THead>
            <TBody>
              {now.queues.map((q) => (
                <TR key={q.queue} className={q.stale ? 'text-slate-500' : undefined}>
                  <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                    {q.queue}
                  </th>
                  <TD numeric>{format.number(q.waiting)}</TD>
                  <TD numeric>{formatDuration(q.longestWaitSeconds, locale)}</TD>
                  <TD numeric>{format.number(q.agentsAvailable)}</TD>
                  <TD numeric>{format.number(q.agentsBusy)}</TD>
                  <TD numeric>{format.number(q.agentsWrapUp)}</TD>
                  <TD numeric>{format.number(q.agentsAway)}</TD>
                  <TD className="whitespace-nowrap">
                    <time dateTime={q.at}>{format.dateTime(new Date(q.at), { timeStyle: 'medium' })}</time> {q.stale ? <StaleBadge at={q.at} /> : null}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </>
      )}
    </Card>
  );
}
