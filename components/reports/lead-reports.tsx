'use client';
// The site lead's reports page: the report for the site's own today (or a day picked from the
// history), to file or amend until headquarters acknowledges it, then the history below.
import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { formatDay } from '@/components/kpi/kpi-format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { ReportDetails } from './report-details';
import { ReportForm } from './report-form';
import { ReportStatusBadge } from './report-status-badge';
import { SiteReportHistory } from './site-report-history';

export function LeadReports() {
  const t = useTranslations('reports');
  const tCommon = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const [picked, setPicked] = useState<string | null>(null);
  const today = useQuery(trpc.reports.inbox.queryOptions({}));
  const own = today.data?.[0];
  const date = picked ?? own?.date ?? null;
  const day = useQuery({ ...trpc.reports.inbox.queryOptions({ date: date ?? '' }), enabled: picked !== null });
  const row = picked !== null ? day.data?.[0] : own;

  if (today.isPending || (picked !== null && day.isPending)) {
    return (
      <p aria-busy="true" className="py-12 text-center text-sm text-slate-500">
        {tCommon('loading')}
      </p>
    );
  }
  if (today.isError || day.isError) {
    return (
      <Card>
        <ErrorState title={t('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void (today.isError ? today.refetch() : day.refetch())} />
      </Card>
    );
  }
  if (!own || !row || !date) {
    return (
      <Card>
        <EmptyState title={t('lead.noSite')} />
      </Card>
    );
  }

  const tz = row.site.timezone;
  const acknowledged = Boolean(row.report?.acknowledgedAt);

  return (
    <div className="space-y-5">
      <Card labelledBy="report-today-title">
        <CardHeader
          id="report-today-title"
          title={
            <span className="flex flex-wrap items-center gap-2">
              {row.date === own.today ? t('lead.todayTitle', { date: formatDay(row.date, locale, 'medium') }) : t('lead.dayTitle', { date: formatDay(row.date, locale, 'medium') })}
              <ReportStatusBadge status={row.status} deadline={row.site.reportDeadline} />
            </span>
          }
          description={t('lead.deadline', { time: row.site.reportDeadline, date: formatDay(row.date, locale, 'medium'), code: row.site.code })}
          actions={
            picked !== null && picked !== own.today ? (
              <Button size="sm" variant="secondary" onClick={() => setPicked(null)}>
                {t('lead.backToToday')}
              </Button>
            ) : null
          }
        />
        <CardBody>
          {acknowledged && row.report ? (
            <>
              <p className="mb-3 text-sm text-slate-600">{t('lead.locked')}</p>
              <ReportDetails report={row.report} timezone={tz} />
            </>
          ) : (
            <>
              {row.report ? <p className="mb-3 text-sm text-slate-600">{t('lead.amendable')}</p> : null}
              <ReportForm key={row.date} date={row.date} report={row.report} />
            </>
          )}
        </CardBody>
      </Card>

      <SiteReportHistory
        canAcknowledge={false}
        onEdit={(d) => {
          setPicked(d === own.today ? null : d);
          document.getElementById('report-today-title')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
        }}
      />
    </div>
  );
}
