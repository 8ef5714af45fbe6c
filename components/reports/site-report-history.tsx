'use client';
// One site's daily reports, day by day (latest first), with its report compliance over the
// range. Each day opens to the report; HQ acknowledges there, the site lead amends or files.
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { Fragment, useId, useState } from 'react';
import { formatDay } from '@/components/kpi/kpi-format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { Select } from '@/components/ui/select';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { AcknowledgeForm } from './acknowledge-form';
import { ReportDetails } from './report-details';
import { ReportStatusBadge } from './report-status-badge';

const RANGES = [7, 30, 90] as const;
/** Days a site page's section lists before "show all". */
const SECTION_ROWS = 7;

type Props = {
  /** The site to show (HQ); a site lead's own site when absent. */
  site?: string;
  canAcknowledge: boolean;
  /** Opens a day in the report form (site lead). */
  onEdit?: (date: string) => void;
  /** A fixed range of site-local days (the site page's); otherwise the reader picks the last 7, 30 or 90 days. */
  range?: { from: string; to: string };
  /** A heading of its own (the site page's section); otherwise the site's code and name. */
  title?: string;
};

export function SiteReportHistory({ site, canAcknowledge, onEdit, range, title }: Props) {
  const t = useTranslations('reports');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const [days, setDays] = useState<(typeof RANGES)[number]>(30);
  const [open, setOpen] = useState<string | null>(null);
  const titleId = useId();
  const [showAll, setShowAll] = useState(false);
  const history = useQuery(trpc.reports.history.queryOptions(range ? { site, ...range } : { site, days }));
  const data = history.data;
  const pct = (value: number | null) => (value === null ? '—' : format.number(value, { style: 'percent', maximumFractionDigits: 0 }));

  return (
    <Card labelledBy={titleId}>
      <CardHeader
        id={titleId}
        title={title ?? (data ? t('history.titleFor', { code: data.site.code, name: data.site.name }) : t('history.title'))}
        description={
          data
            ? t('history.compliance', {
                share: pct(data.compliance.compliance),
                onTime: data.compliance.onTime,
                expected: data.compliance.expected,
                late: data.compliance.late,
                missing: data.compliance.missing,
              })
            : undefined
        }
        actions={
          range ? null : (
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
          )
        }
      />
      {history.isPending ? (
        <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
          {tCommon('loading')}
        </p>
      ) : history.isError || !data ? (
        <ErrorState title={t('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void history.refetch()} />
      ) : (
        <Table caption={t('history.caption', { code: data.site.code })}>
          <THead>
            <tr>
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
            {(range && !showAll ? data.days.slice(0, SECTION_ROWS) : data.days).map((day) => {
              const report = day.report;
              const expanded = open === day.date;
              const detailsId = `report-${data.site.code}-${day.date}`;
              return (
                <Fragment key={day.date}>
                  <TR>
                    <TD className="whitespace-nowrap">
                      {formatDay(day.date, locale, 'medium')}
                      {day.date === data.today ? <span className="ml-1 text-xs text-slate-500">{t('today')}</span> : null}
                    </TD>
                    <TD>
                      <ReportStatusBadge status={day.status} deadline={data.site.reportDeadline} />
                    </TD>
                    <TD className="text-xs whitespace-nowrap text-slate-600">
                      {report
                        ? format.dateTime(report.submittedAt, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: data.site.timezone })
                        : '—'}
                    </TD>
                    <TD numeric>{report ? `${format.number(report.presentAgents)} / ${format.number(report.scheduledAgents)}` : '—'}</TD>
                    <TD numeric>{report ? format.number(report.incidents.length) : '—'}</TD>
                    <TD>
                      {report?.acknowledgedAt ? (
                        <Badge tone="blue">{report.hqComment ? t('acknowledgedWithComment') : t('acknowledged')}</Badge>
                      ) : report ? (
                        <span className="text-xs text-slate-500">{t('notAcknowledged')}</span>
                      ) : null}
                    </TD>
                    <TD className="text-right whitespace-nowrap">
                      {report ? (
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-expanded={expanded}
                          aria-controls={detailsId}
                          onClick={() => setOpen(expanded ? null : day.date)}
                        >
                          {expanded ? t('hide') : t('show')}
                          <span className="sr-only"> {formatDay(day.date, locale, 'medium')}</span>
                        </Button>
                      ) : null}
                      {onEdit && !report?.acknowledgedAt ? (
                        <Button size="sm" variant="ghost" onClick={() => onEdit(day.date)}>
                          {report ? t('amend') : t('file')}
                          <span className="sr-only"> {formatDay(day.date, locale, 'medium')}</span>
                        </Button>
                      ) : null}
                    </TD>
                  </TR>
                  {report && expanded ? (
                    <tr id={detailsId}>
                      <td colSpan={7} className="bg-slate-50/60 px-4 py-3">
                        <ReportDetails report={report} timezone={data.site.timezone} />
                        {canAcknowledge ? (
                          <div className="mt-3">
                            <AcknowledgeForm site={data.site.code} date={day.date} acknowledged={Boolean(report.acknowledgedAt)} comment={report.hqComment} />
                          </div>
                        ) : null}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </TBody>
        </Table>
      )}
      {range && data && data.days.length > SECTION_ROWS ? (
        <div className="border-t border-slate-100 px-4 py-2 text-right">
          <Button size="sm" variant="ghost" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
            {showAll ? t('history.showFewer') : t('history.showAll', { count: data.days.length })}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
