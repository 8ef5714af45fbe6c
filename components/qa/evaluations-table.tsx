'use client';
// The evaluations list: one row per site evaluation, HQ's re-score beside it when there is one.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { DisputeBadge } from './dispute-badge';
import { evaluationHref } from './qa-links';
import { formatGap, formatScore } from './qa-format';
import { listInputOf, qaListHref, type QaListState } from './qa-url';

export function EvaluationsTable({ state, showSite }: { state: QaListState; showSite: boolean }) {
  const t = useTranslations('qa.list');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.qa.evaluations.list.queryOptions(listInputOf(state)), placeholderData: keepPreviousData });
  const data = list.data;
  const filtered = Boolean(state.site || state.agent || state.evaluator || state.form || state.from || state.review);

  return (
    <Card labelledBy="qa-list-title">
      <CardHeader
        id="qa-list-title"
        title={t('title')}
        description={data ? t('count', { count: data.total }) : undefined}
      />
      {list.isPending ? (
        <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
          {tCommon('loading')}
        </p>
      ) : list.isError ? (
        <ErrorState title={t('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void list.refetch()} />
      ) : data!.rows.length === 0 ? (
        <EmptyState
          title={filtered ? t('emptyFiltered') : t('empty')}
          description={filtered ? t('emptyFilteredHint') : t('emptyHint')}
          action={
            filtered ? (
              <Link href="/qa" className={buttonClasses('secondary')}>
                {t('clearFilters')}
              </Link>
            ) : null
          }
        />
      ) : (
        <>
          <Table caption={t('title')} className={list.isPlaceholderData ? 'opacity-60' : undefined}>
            <THead>
              <tr>
                <TH>{t('columns.day')}</TH>
                {showSite ? <TH>{t('columns.site')}</TH> : null}
                <TH>{t('columns.agent')}</TH>
                <TH>{t('columns.call')}</TH>
                <TH>{t('columns.evaluator')}</TH>
                <TH>{t('columns.form')}</TH>
                <TH numeric>{t('columns.score')}</TH>
                <TH numeric>{t('columns.hq')}</TH>
                <TH numeric>{t('columns.gap')}</TH>
                <TH>{t('columns.review')}</TH>
              </tr>
            </THead>
            <TBody>
              {data!.rows.map((row) => {
                const gap = row.hq && row.score !== null && row.hq.score !== null ? row.score - row.hq.score : null;
                return (
                  <TR key={`${row.site.code}-${row.id}`}>
                    <TD className="whitespace-nowrap">
                      <Link href={evaluationHref(row.site.code, row.id)} className="font-medium text-brand-700 hover:underline">
                        {format.dateTime(new Date(`${row.day}T12:00:00Z`), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}
                      </Link>
                    </TD>
                    {showSite ? <TD className="font-mono text-xs font-semibold">{row.site.code}</TD> : null}
                    <TD className="font-mono text-xs">{row.agentRef}</TD>
                    <TD className="max-w-40 truncate font-mono text-xs text-slate-600" title={row.callExternalId ?? undefined}>
                      {row.callExternalId ?? '—'}
                    </TD>
                    <TD className="whitespace-nowrap text-slate-700">{row.evaluator}</TD>
                    <TD className="whitespace-nowrap text-xs text-slate-600">
                      {row.form.code} v{row.form.version}
                    </TD>
                    <TD numeric>
                      {row.scoreHidden ? (
                        <Badge tone="blue">{t('hidden')}</Badge>
                      ) : (
                        <span className="inline-flex items-center gap-1.5">
                          {row.criticalFailed ? <Badge tone="red">{t('criticalFail')}</Badge> : null}
                          <span className="font-semibold">{formatScore(row.score, locale)}</span>
                        </span>
                      )}
                    </TD>
                    <TD numeric>{row.hq ? formatScore(row.hq.score, locale) : <span className="text-slate-500">—</span>}</TD>
                    <TD numeric className={gap !== null && Math.abs(gap) > 5 ? 'font-semibold text-red-700' : 'text-slate-700'}>
                      {formatGap(gap, locale)}
                    </TD>
                    <TD className="whitespace-nowrap">
                      {row.hq ? (
                        row.hq.disputeStatus === 'none' ? (
                          <Badge tone="neutral">{t('rescored')}</Badge>
                        ) : (
                          <DisputeBadge status={row.hq.disputeStatus} />
                        )
                      ) : row.awaitingRescore ? (
                        <Badge tone="amber">{t('awaiting')}</Badge>
                      ) : null}
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
          <nav aria-label={t('pagination')} className="flex items-center justify-between gap-3 border-t border-slate-200 px-4 py-2 text-xs text-slate-600">
            <span>{t('pageOf', { page: data!.page, pages: data!.pages })}</span>
            <span className="flex gap-2">
              {data!.page > 1 ? (
                <Link href={qaListHref(state, { page: data!.page - 1 })} className={buttonClasses('secondary', 'sm')} rel="prev">
                  {t('previous')}
                </Link>
              ) : null}
              {data!.page < data!.pages ? (
                <Link href={qaListHref(state, { page: data!.page + 1 })} className={buttonClasses('secondary', 'sm')} rel="next">
                  {t('next')}
                </Link>
              ) : null}
            </span>
          </nav>
        </>
      )}
    </Card>
  );
}
