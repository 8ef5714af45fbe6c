'use client';
// HQ's calibration worklists, newest first, with how many of their calls are re-scored.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { worklistHref } from './qa-links';

export function WorklistsCard() {
  const t = useTranslations('qa.calibration.worklists');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const trpc = useTRPC();
  const worklists = useQuery(trpc.qa.calibration.worklists.queryOptions());
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00Z`), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

  return (
    <Card labelledBy="worklists-title">
      <CardHeader id="worklists-title" title={t('title')} description={t('description')} />
      {worklists.isPending ? (
        <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
          {tCommon('loading')}
        </p>
      ) : worklists.isError ? (
        <ErrorState title={t('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void worklists.refetch()} />
      ) : worklists.data.length === 0 ? (
        <EmptyState title={t('empty')} description={t('emptyHint')} />
      ) : (
        <Table caption={t('title')}>
          <THead>
            <tr>
              <TH>{t('columns.created')}</TH>
              <TH>{t('columns.site')}</TH>
              <TH>{t('columns.period')}</TH>
              <TH numeric>{t('columns.progress')}</TH>
              <TH>{t('columns.requestedBy')}</TH>
            </tr>
          </THead>
          <TBody>
            {worklists.data.map((w) => (
              <TR key={`${w.site.code}-${w.id}`}>
                <TD className="whitespace-nowrap">
                  <Link href={worklistHref(w.site.code, w.id)} className="font-medium text-brand-700 hover:underline">
                    {format.dateTime(w.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
                  </Link>
                </TD>
                <TD>
                  <span className="font-mono text-xs font-semibold">{w.site.code}</span>
                  <span className="ml-2 text-slate-700">{w.site.name}</span>
                </TD>
                <TD className="whitespace-nowrap text-slate-700">{t('period', { from: day(w.periodFrom), to: day(w.periodTo) })}</TD>
                <TD numeric>
                  {w.done === w.items ? (
                    <Badge tone="green">{t('complete', { count: w.items })}</Badge>
                  ) : (
                    <span>{t('progress', { done: w.done, items: w.items })}</span>
                  )}
                </TD>
                <TD className="text-slate-700">{w.requestedBy ?? '—'}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
