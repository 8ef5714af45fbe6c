'use client';
// HQ's inbox of daily reports: every site on its own local today (or on a chosen date), missing
// and late first. A row opens to the report, to acknowledge it with a comment.
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { Fragment, useState } from 'react';
import { formatDay } from '@/components/kpi/kpi-format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Input } from '@/components/ui/input';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { shiftDay } from '@/lib/kpi/periods';
import type { ReportDayStatus } from '@/lib/reports/deadline';
import { AcknowledgeForm } from './acknowledge-form';
import { ReportDetails } from './report-details';
import { ReportStatusBadge } from './report-status-badge';

const COUNTED: ReportDayStatus[] = ['missing', 'late', 'pending', 'on_time'];

export function ReportsInbox() {
  const t = useTranslations('reports');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const [date, setDate] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const inbox = useQuery(trpc.reports.inbox.queryOptions(date ? { date } : {}));
  const rows = inbox.data ?? [];
  const counts = Object.fromEntries(COUNTED.map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<ReportDayStatus, number>;
  const toAcknowledge = rows.filter((r) => r.report && !r.report.acknowledgedAt).length;
  // The date furthest ahead among the sites' own todays (every row carries it): "previous day" steps back from it.
  const latestToday = rows.map((r) => r.today).sort().at(-1) ?? null;

  return (
    <Card labelledBy="inbox-title">
      <CardHeader
        id="inbox-title"
        title={date ? t('inbox.titleOn', { date: formatDay(date, locale, 'medium') }) : t('inbox.title')}
        description={
          inbox.data
            ? t('inbox.summary', { missing: counts.missing, late: counts.late, pending: counts.pending, onTime: counts.on_time, toAcknowledge })
            : t('inbox.description')
        }
        actions={
          <div className="flex items-center gap-2">
            <label htmlFor="inbox-date" className="text-xs text-slate-600">
              {t('inbox.date')}
            </label>
            <Input id="inbox-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} className="h-8 w-40 text-xs" />
            {latestToday ? (
              <Button size="sm" variant="secondary" onClick={() => setDate(shiftDay(date || latestToday, -1))}>
                {t('inbox.previousDay')}
              </Button>
            ) : null}
            {date ? (
              <Button size="sm" variant="secondary" onClick={() => setDate('')}>
                {t('inbox.eachToday')}
              </Button>
            ) : null}
          </div>
        }
      />
      {inbox.isPending ? (
        <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
          {tCommon('loading')}
        </p>
      ) : inbox.isError ? (
        <ErrorState title={t('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void inbox.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={t('inbox.empty')} />
      ) : (
        <Table caption={t('inbox.caption')}>
          <THead>
            <tr>
              <TH>{t('columns.site')}</TH>
              <TH>{t('columns.day')}</TH>
              <TH>{t('columns.status')}</TH>
              <TH>{t('columns.submitted')}</TH>
              <TH numeric>{t('columns.staffing')}</TH>
              <TH numeric>{t('columns.incidents')}</TH>
              <TH>{t('columns.hq')}</TH>
              <TH>
                <span className="sr-only">{tCommon('actions')}</span>
              </TH>
            </tr>
          </THead>
          <TBody>
            {rows.map((row) => {
              const key = `${row.site.code}:${row.date}`;
              const expanded = open === key;
              const detailsId = `inbox-${row.site.code}-${row.date}`;
              const tz = row.site.timezone;
              return (
                <Fragment key={key}>
                  <TR className={row.status === 'missing' ? 'bg-red-50/40' : undefined}>
                    <TD>
                      <span className="font-mono text-xs font-semibold text-slate-900">{row.site.code}</span>
                      <span className="ml-2 text-slate-700">{row.site.name}</span>
                    </TD>
                    <TD className="whitespace-nowrap">
                      {formatDay(row.date, locale)}
                      <span className="block text-xs text-slate-500">{t('inbox.due', { time: row.site.reportDeadline })}</span>
                    </TD>
                    <TD>
                      <ReportStatusBadge status={row.status} deadline={row.site.reportDeadline} />
                    </TD>
                    <TD className="text-xs whitespace-nowrap text-slate-600">
                      {row.report
                        ? t('inbox.siteTime', { time: format.dateTime(row.report.submittedAt, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: tz }) })
                        : '—'}
                    </TD>
                    <TD numeric>{row.report ? `${format.number(row.report.presentAgents)} / ${format.number(row.report.scheduledAgents)}` : '—'}</TD>
                    <TD numeric>{row.report ? format.number(row.report.incidents.length) : '—'}</TD>
                    <TD>
                      {row.report?.acknowledgedAt ? (
                        <Badge tone="blue">{t('acknowledged')}</Badge>
                      ) : row.report ? (
                        <span className="text-xs font-medium whitespace-nowrap text-amber-700">{t('toAcknowledge')}</span>
                      ) : null}
                    </TD>
                    <TD className="text-right">
                      {row.report ? (
                        <Button size="sm" variant="ghost" aria-expanded={expanded} aria-controls={detailsId} onClick={() => setOpen(expanded ? null : key)}>
                          {expanded ? t('hide') : t('open')}
                          <span className="sr-only"> {t('inbox.reportOf', { code: row.site.code })}</span>
                        </Button>
                      ) : null}
                    </TD>
                  </TR>
                  {row.report && expanded ? (
                    <tr id={detailsId}>
                      <td colSpan={8} className="bg-slate-50/60 px-4 py-3">
                        <ReportDetails report={row.report} timezone={tz} />
                        <div className="mt-3">
                          <AcknowledgeForm site={row.site.code} date={row.date} acknowledged={Boolean(row.report.acknowledgedAt)} comment={row.report.hqComment} />
                        </div>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
