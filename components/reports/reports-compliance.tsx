'use client';
// Report compliance per site and for the network over the last days, and one site's history
// below when a site is chosen.
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { formatDay } from '@/components/kpi/kpi-format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { ErrorState } from '@/components/ui/error-state';
import { Select } from '@/components/ui/select';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { Rag } from '@/lib/kpi/definitions';
import { SiteReportHistory } from './site-report-history';

const RANGES = [7, 30, 90] as const;
const RAG_TEXT: Record<Rag, string> = { green: 'text-emerald-700', amber: 'text-amber-700', red: 'text-red-700' };

export function ReportsCompliance() {
  const t = useTranslations('reports');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const [days, setDays] = useState<(typeof RANGES)[number]>(30);
  const [site, setSite] = useState<string | null>(null);
  const compliance = useQuery(trpc.reports.compliance.queryOptions({ days }));
  const data = compliance.data;
  const pct = (value: number | null) => (value === null ? '—' : format.number(value, { style: 'percent', maximumFractionDigits: 0 }));
  const tone = (rag: Rag | null) => (rag === null ? '' : RAG_TEXT[rag]);

  return (
    <div className="space-y-5">
      <Card labelledBy="compliance-title">
        <CardHeader
          id="compliance-title"
          title={t('compliance.title')}
          description={data ? t('compliance.range', { from: formatDay(data.from, locale, 'medium'), to: formatDay(data.to, locale, 'medium') }) : t('compliance.description')}
          actions={
            <label className="flex items-center gap-2 text-xs text-slate-600">
              {t('history.range')}
              <Select value={days} onChange={(e) => setDays(Number(e.target.value) as (typeof RANGES)[number])} className="h-8 w-32 text-xs">
                {RANGES.map((n) => (
                  <option key={n} value={n}>
                    {t('history.lastDays', { count: n })}
                  </option>
                ))}
              </Select>
            </label>
          }
        />
        {compliance.isPending ? (
          <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
            {tCommon('loading')}
          </p>
        ) : compliance.isError || !data ? (
          <ErrorState title={t('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void compliance.refetch()} />
        ) : (
          <Table caption={t('compliance.caption')}>
            <THead>
              <tr>
                <TH>{t('columns.site')}</TH>
                <TH numeric>{t('columns.compliance')}</TH>
                <TH numeric>{t('columns.onTime')}</TH>
                <TH numeric>{t('columns.late')}</TH>
                <TH numeric>{t('columns.missing')}</TH>
                <TH numeric>{t('columns.expected')}</TH>
                <TH>
                  <span className="sr-only">{tCommon('actions')}</span>
                </TH>
              </tr>
            </THead>
            <TBody>
              {data.sites.map((s) => (
                <TR key={s.code} className={site === s.code ? 'bg-brand-50/60' : undefined}>
                  <TD>
                    <span className="font-mono text-xs font-semibold text-slate-900">{s.code}</span>
                    <span className="ml-2 text-slate-700">{s.name}</span>
                  </TD>
                  <TD numeric className={cn('font-semibold', tone(s.rag))}>
                    {pct(s.compliance)}
                  </TD>
                  <TD numeric>{format.number(s.onTime)}</TD>
                  <TD numeric>{format.number(s.late)}</TD>
                  <TD numeric>{format.number(s.missing)}</TD>
                  <TD numeric>{format.number(s.expected)}</TD>
                  <TD className="text-right">
                    <Button size="sm" variant="ghost" aria-pressed={site === s.code} onClick={() => setSite(site === s.code ? null : s.code)}>
                      {t('compliance.history')}
                      <span className="sr-only"> {s.code}</span>
                    </Button>
                  </TD>
                </TR>
              ))}
              <TR className="border-t-2 border-slate-200 bg-slate-50 font-medium">
                <TD>{t('compliance.network')}</TD>
                <TD numeric className={cn('font-semibold', tone(data.network.rag))}>
                  {pct(data.network.compliance)}
                </TD>
                <TD numeric>{format.number(data.network.onTime)}</TD>
                <TD numeric>{format.number(data.network.late)}</TD>
                <TD numeric>{format.number(data.network.missing)}</TD>
                <TD numeric>{format.number(data.network.expected)}</TD>
                <TD />
              </TR>
            </TBody>
          </Table>
        )}
        <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">{t('compliance.note')}</p>
      </Card>

      {site ? <SiteReportHistory key={site} site={site} canAcknowledge /> : null}
    </div>
  );
}
