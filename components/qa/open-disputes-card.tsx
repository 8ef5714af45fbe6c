'use client';
// Disputes the sites have opened against HQ re-scores, waiting for HQ to settle them.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { evaluationHref } from './qa-links';
import { formatGap, formatScore } from './qa-format';

export function OpenDisputesCard() {
  const t = useTranslations('qa.calibration.disputes');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const disputes = useQuery(trpc.qa.evaluations.list.queryOptions({ dispute: 'open', pageSize: 50 }));

  return (
    <Card labelledBy="disputes-title">
      <CardHeader id="disputes-title" title={t('title')} description={disputes.data ? t('count', { count: disputes.data.total }) : undefined} />
      {disputes.isPending ? (
        <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
          {tCommon('loading')}
        </p>
      ) : disputes.isError ? (
        <ErrorState title={t('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void disputes.refetch()} />
      ) : disputes.data.rows.length === 0 ? (
        <EmptyState title={t('empty')} />
      ) : (
        <Table caption={t('title')}>
          <THead>
            <tr>
              <TH>{t('columns.day')}</TH>
              <TH>{t('columns.site')}</TH>
              <TH>{t('columns.agent')}</TH>
              <TH numeric>{t('columns.site_score')}</TH>
              <TH numeric>{t('columns.hq_score')}</TH>
              <TH numeric>{t('columns.gap')}</TH>
            </tr>
          </THead>
          <TBody>
            {disputes.data.rows.map((row) => (
              <TR key={`${row.site.code}-${row.id}`}>
                <TD className="whitespace-nowrap">
                  <Link href={evaluationHref(row.site.code, row.id)} className="font-medium text-brand-700 hover:underline">
                    {format.dateTime(new Date(`${row.day}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' })}
                  </Link>
                </TD>
                <TD className="font-mono text-xs font-semibold">{row.site.code}</TD>
                <TD className="font-mono text-xs">{row.agentRef}</TD>
                <TD numeric>{formatScore(row.score, locale)}</TD>
                <TD numeric>{formatScore(row.hq?.score ?? null, locale)}</TD>
                <TD numeric>{formatGap(row.score !== null && row.hq?.score != null ? row.score - row.hq.score : null, locale)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
