'use client';
// The daily-reports section of a site's page: the site's reports over the page's period, with its
// report compliance. Acknowledging stays on the reports page.
import { useTranslations } from 'next-intl';
import { SiteReportHistory } from './site-report-history';

export function SiteReportsSection({ site, range }: { site: { code: string }; range: { from: string; to: string } }) {
  const t = useTranslations('reports');
  return <SiteReportHistory site={site.code} range={range} canAcknowledge={false} title={t('title')} />;
}
