'use client';
// Tenure bands on the last day of the range and attrition per month (lib/agents/tenure.ts).
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useId } from 'react';
import { formatMonth } from '@/components/contracts/wording';
import { formatDay } from '@/components/kpi/kpi-format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardHeader } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { TENURE_BANDS } from '@/lib/agents/tenure';

export function RosterSummary({ site, from, to }: { site: string; from: string; to: string }) {
  const t = useTranslations('roster.summary');
  const tBands = useTranslations('roster.bands');
  const locale = useLocale();
  const format = useFormatter();
  const id = useId();
  const trpc = useTRPC();
  const summary = useQuery(trpc.roster.summary.queryOptions({ site, from, to }));
  const percent = (value: number | null) => (value === null ? '—' : format.number(value, { style: 'percent', maximumFractionDigits: 1 }));

  return (
    <div className="grid gap-5 lg:grid-cols-2">
      <Card labelledBy={`${id}-tenure`}>
        <CardHeader
          id={`${id}-tenure`}
          title={t('tenureTitle')}
          description={summary.data ? t('tenureDescription', { asOf: formatDay(summary.data.tenure.asOf, locale, 'medium') }) : undefined}
        />
        <QueryState query={summary} isEmpty={(answer) => answer.people === 0} empty={{ title: t('empty') }}>
          {({ tenure }) => {
            const rows = [...TENURE_BANDS.map((band) => ({ key: band, label: tBands(band), count: tenure.bands[band] })), { key: 'unknown', label: tBands('unknownStart'), count: tenure.unknownStart }];
            return (
              <Table caption={t('tenureCaption', { asOf: formatDay(tenure.asOf, locale, 'medium') })}>
                <THead>
                  <tr>
                    <TH>{t('band')}</TH>
                    <TH numeric>{t('people')}</TH>
                    <TH numeric>{t('share')}</TH>
                    <TH>
                      <span className="sr-only">{t('share')}</span>
                    </TH>
                  </tr>
                </THead>
                <TBody>
                  {rows.map((row) => {
                    const share = tenure.headcount > 0 ? row.count / tenure.headcount : null;
                    return (
                      <TR key={row.key}>
                        <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                          {row.label}
                        </th>
                        <TD numeric>{format.number(row.count)}</TD>
                        <TD numeric>{percent(share)}</TD>
                        <TD className="w-1/3">
                          <div aria-hidden="true" className="h-2 rounded bg-slate-100">
                            <div className="h-2 rounded bg-brand-600" style={{ width: `${Math.round((share ?? 0) * 100)}%` }} />
                          </div>
                        </TD>
                      </TR>
                    );
                  })}
                  <TR>
                    <th scope="row" className="px-3 py-2 text-left font-semibold">
                      {t('headcount')}
                    </th>
                    <TD numeric className="font-semibold">
                      {format.number(tenure.headcount)}
                    </TD>
                    <TD />
                    <TD />
                  </TR>
                </TBody>
              </Table>
            );
          }}
        </QueryState>
      </Card>

      <Card labelledBy={`${id}-attrition`}>
        <CardHeader id={`${id}-attrition`} title={t('attritionTitle')} description={t('attritionDescription')} />
        <QueryState query={summary} isEmpty={(answer) => answer.people === 0} empty={{ title: t('empty') }}>
          {({ months }) => (
            <Table caption={t('attritionCaption')}>
              <THead>
                <tr>
                  <TH>{t('month')}</TH>
                  <TH numeric>{t('starters')}</TH>
                  <TH numeric>{t('leavers')}</TH>
                  <TH numeric>{t('meanHeadcount')}</TH>
                  <TH numeric>{t('attrition')}</TH>
                </tr>
              </THead>
              <TBody>
                {[...months].reverse().map((m) => {
                  const whole = m.from.endsWith('-01') && m.to.slice(0, 7) === m.month && m.to === lastDayOf(m.month);
                  return (
                    <TR key={m.month}>
                      <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                        {formatMonth(m.month, locale)}
                        {whole ? null : <span className="ml-1 text-xs font-normal text-slate-500">({t('partial', { day: formatDay(m.to, locale) })})</span>}
                      </th>
                      <TD numeric>{format.number(m.starters)}</TD>
                      <TD numeric>{format.number(m.leavers)}</TD>
                      <TD numeric>{format.number(m.meanHeadcount, { maximumFractionDigits: 1 })}</TD>
                      <TD numeric>{percent(m.attrition)}</TD>
                    </TR>
                  );
                })}
              </TBody>
            </Table>
          )}
        </QueryState>
      </Card>
    </div>
  );
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}
