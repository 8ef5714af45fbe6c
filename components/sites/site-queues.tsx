'use client';
// The site's queues over the period, busiest first: where inside the site a figure drifts.
import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { formatFigure } from '@/components/kpi/kpi-format';
import { FIGURES, figureValue } from '@/components/kpi/metrics';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { SiteSectionProps } from './site-sections';

// QA is scored per evaluation, not per queue.
const QUEUE_FIGURES = FIGURES.filter((f) => f !== 'qa_score');

export function SiteQueues({ site, range }: SiteSectionProps) {
  const t = useTranslations('sitePage.queues');
  const tKpi = useTranslations('kpi.figures');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const queues = useQuery(trpc.kpi.queues.queryOptions({ site: site.code, from: range.from, to: range.to }));

  return (
    <Card labelledBy="site-queues-title">
      <CardHeader id="site-queues-title" title={t('title')} description={t('description')} />
      {queues.isError ? (
        <ErrorState title={tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void queues.refetch()} />
      ) : queues.isPending ? (
        <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
          {tCommon('loading')}
        </p>
      ) : queues.data.queues.length === 0 ? (
        <EmptyState title={t('empty')} />
      ) : (
        <Table caption={t('caption')}>
          <THead>
            <tr>
              <TH>{t('queue')}</TH>
              <TH numeric>{t('calls')}</TH>
              {QUEUE_FIGURES.map((figure) => (
                <TH key={figure} numeric>
                  {tKpi(figure)}
                </TH>
              ))}
            </tr>
          </THead>
          <TBody>
            {queues.data.queues.map((queue) => (
              <TR key={queue.queue}>
                <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap text-slate-800">
                  {queue.queue}
                </th>
                <TD numeric>{formatFigure('offered', queue.calls, locale)}</TD>
                {QUEUE_FIGURES.map((figure) => {
                  const value = figureValue(queue, figure);
                  return (
                    <TD key={figure} numeric className={value === null ? 'text-slate-500' : undefined}>
                      {formatFigure(figure, value, locale)}
                    </TD>
                  );
                })}
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
