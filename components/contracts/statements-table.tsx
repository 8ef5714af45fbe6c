'use client';
// Every site's statement of a month, for HQ: its status (draft, closed, or no contract in force),
// the invoice estimate in the contract's currency and in HQ's, penalties and bonuses, and how many
// terms were missed beyond what they allow; each row opens the site's statement.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useId } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { NO_VALUE } from '@/lib/kpi/format';
import { formatMoney, formatMonth, formatNumber } from './wording';

export function StatementsTable({ month }: { month: string }) {
  const t = useTranslations('contracts.statements');
  const tContracts = useTranslations('contracts');
  const locale = useLocale();
  const id = useId();
  const trpc = useTRPC();
  const statements = useQuery(trpc.contracts.statements.queryOptions({ month }));
  const monthWords = formatMonth(month, locale);
  return (
    <Card labelledBy={id}>
      <CardHeader id={id} title={t('caption', { month: monthWords })} />
      <QueryState query={statements} isEmpty={(answer) => answer.sites.length === 0} empty={{ title: t('empty'), description: t('emptyHint') }}>
        {(answer) => (
          <Table caption={t('caption', { month: monthWords })}>
            <THead>
              <tr>
                <TH>{t('site')}</TH>
                <TH>{t('status')}</TH>
                <TH numeric>{t('invoiceEstimate')}</TH>
                <TH numeric>{t('hqInvoiceEstimate', { hq: answer.hqCurrency })}</TH>
                <TH numeric>{t('penalties')}</TH>
                <TH numeric>{t('bonuses')}</TH>
                <TH numeric>{t('missedTerms')}</TH>
                <TH>
                  <span className="sr-only">{t('open')}</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {answer.sites.map((site) => {
                const money = (amount: number | null) => (site.currency ? formatMoney(amount, site.currency, locale) : NO_VALUE);
                return (
                  <TR key={site.code} className={site.status === 'none' ? 'text-slate-500' : undefined}>
                    <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                      <span className="font-mono text-xs font-semibold">{site.code}</span> {site.name}
                    </th>
                    <TD>
                      {site.status === 'none' ? (
                        <span className="text-xs">{t('noContract')}</span>
                      ) : (
                        <Badge tone={site.status === 'closed' ? 'blue' : 'amber'}>{tContracts(`status.${site.status}`)}</Badge>
                      )}
                    </TD>
                    <TD numeric>{money(site.invoiceEstimate)}</TD>
                    <TD numeric>{formatMoney(site.hqInvoiceEstimate, answer.hqCurrency, locale)}</TD>
                    <TD numeric>{money(site.penalties)}</TD>
                    <TD numeric>{money(site.bonuses)}</TD>
                    <TD numeric>
                      {site.status === 'none' ? NO_VALUE : site.missedTerms > 0 ? <Badge tone="red">{formatNumber(site.missedTerms, locale, 0)}</Badge> : formatNumber(0, locale)}
                    </TD>
                    <TD className="text-right whitespace-nowrap">
                      {site.status === 'none' ? null : (
                        <Link
                          prefetch={false}
                          href={`/sites/${site.code}/statement?month=${month}`}
                          aria-label={t('openNamed', { code: site.code })}
                          className="rounded text-sm text-brand-700 underline underline-offset-2"
                        >
                          {t('open')}
                        </Link>
                      )}
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
      </QueryState>
    </Card>
  );
}
